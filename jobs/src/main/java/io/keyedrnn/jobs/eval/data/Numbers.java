package io.keyedrnn.jobs.eval.data;

import java.nio.file.Path;

/** Strict number parsing for the data loaders. */
final class Numbers {
    private Numbers() {}

    /** A finite double, or an error naming the file, line and column. */
    static double finite(String text, Path file, int line, String column) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw DataError.at(file, line, column + " is not a number: '" + text + "'");
        }
        if (!Double.isFinite(v)) {
            throw DataError.at(file, line, column + " is not finite: '" + text + "'");
        }
        return v;
    }

    /** An int, or an error naming the file, line and column. */
    static int integer(String text, Path file, int line, String column) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw DataError.at(file, line, column + " is not an integer: '" + text + "'");
        }
    }
}
