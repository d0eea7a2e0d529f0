package io.keyedrnn.jobs.eval.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a data file's lines, accepting LF and CRLF endings and a missing final newline. */
final class TextLines {
    private TextLines() {}

    /** All lines without their terminators; a missing file is reported by path. */
    static List<String> read(Path file) {
        try {
            // BufferedReader.readLine (behind readAllLines) ends lines at \n, \r\n or \r,
            // so NAB's CRLF files and the LF files read the same way.
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("data file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + file + ": " + e, e);
        }
    }
}
