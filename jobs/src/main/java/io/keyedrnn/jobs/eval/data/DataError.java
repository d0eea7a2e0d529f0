package io.keyedrnn.jobs.eval.data;

import java.nio.file.Path;

/** Builds the exception for malformed evaluation data, naming the file and the line. */
final class DataError {
    private DataError() {}

    /** An error at a 1-based line of a file. */
    static IllegalArgumentException at(Path file, int line, String what) {
        return new IllegalArgumentException(file + ":" + line + ": " + what);
    }

    /** An error about a whole file. */
    static IllegalArgumentException in(Path file, String what) {
        return new IllegalArgumentException(file + ": " + what);
    }
}
