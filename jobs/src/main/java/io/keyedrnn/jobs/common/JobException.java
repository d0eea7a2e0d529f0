package io.keyedrnn.jobs.common;

/** A job or command failure with the message to print (without stack trace) and its exit code. */
public final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code of bad input: bad option value, missing file, bad setting. */
    public static final int BAD_INPUT = 2;

    /** Exit code of a failure while running. */
    public static final int FAILED = 1;

    private final int exitCode;

    public JobException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public JobException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static JobException badInput(String message) {
        return new JobException(BAD_INPUT, message);
    }

    public static JobException failed(String message, Throwable cause) {
        return new JobException(FAILED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
