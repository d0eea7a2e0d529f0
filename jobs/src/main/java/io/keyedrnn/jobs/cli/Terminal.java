package io.keyedrnn.jobs.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the console is an interactive terminal, so that progress bars may redraw a line. */
final class Terminal {
    private Terminal() {}

    /** Whether this process's console is an interactive terminal. */
    static boolean interactive() {
        return interactive(System.console());
    }

    /**
     * Up to Java 21 a console exists only when stdin and stdout are a terminal; from Java 22 one
     * may exist with redirected streams too, and {@code Console.isTerminal()} (absent from Java
     * 17's API, hence reflection) tells them apart.
     */
    static boolean interactive(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
