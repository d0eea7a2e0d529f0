package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** No console, no terminal: output piped to a file or a test gets plain lines. */
class TerminalTest {
    @Test
    void noConsoleIsNoTerminal() {
        assertFalse(Terminal.interactive(null));
    }

    @Test
    void testsRunWithoutATerminal() {
        // Surefire redirects the streams of the forked JVM.
        assertFalse(Terminal.interactive());
    }
}
