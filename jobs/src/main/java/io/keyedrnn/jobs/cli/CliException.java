package io.keyedrnn.jobs.cli;

/** A command failure with the message to print (without stack trace) and the exit code. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit code of a usage error: bad option value, missing file, bad setting. */
    public static final int USAGE = 2;

    /** Exit code of a failure while running. */
    public static final int FAILED = 1;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
