package io.keyedrnn.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as raw bytes (split at '\n', a trailing '\r' dropped), so a line of invalid UTF-8
 * reaches the JSON parser and is rejected alone instead of failing the whole file.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private int length;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into {@link #bytes()}; false at end of input. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(chunk);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any;
                }
            }
            any = true;
            byte b = chunk[pos++];
            if (b == '\n') {
                break;
            }
            append(b);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private void append(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = b;
    }

    /** The current line's buffer, valid in [0, {@link #length()}) until the next call. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }
}
