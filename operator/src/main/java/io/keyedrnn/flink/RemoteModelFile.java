package io.keyedrnn.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;

/**
 * Fetches the file an {@code http(s):} model pointer names. Every failure to get it is reported as
 * "unreachable" and nothing more, so pointers cannot probe which hosts and ports answer.
 */
final class RemoteModelFile {
    private static final int TIMEOUT_MS = 30_000;

    private RemoteModelFile() {}

    /** Thrown inside {@link #read} when the body exceeds the limit; kept apart from I/O errors. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    static byte[] read(URI uri, long maxBytes, String shown) throws ModelRejected {
        try {
            URLConnection c = uri.toURL().openConnection();
            c.setConnectTimeout(TIMEOUT_MS);
            c.setReadTimeout(TIMEOUT_MS);
            try (InputStream in = c.getInputStream()) {
                return readCapped(in, maxBytes);
            }
        } catch (TooLarge e) {
            throw new ModelRejected(
                    JobReason.MODEL_UNAVAILABLE,
                    shown + " is larger than the limit of " + maxBytes + " bytes");
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelRejected(JobReason.MODEL_UNAVAILABLE, shown + ": unreachable");
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
