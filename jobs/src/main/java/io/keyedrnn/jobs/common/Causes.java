package io.keyedrnn.jobs.common;

/** What a failure comes down to, for one-line messages. */
public final class Causes {
    private Causes() {}

    /** The innermost cause of a failure, as its class name and message. */
    public static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
