package io.keyedrnn.model.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random-access bytes of a model file: an in-memory array or an open file channel. */
interface ByteSource {

    /** Total number of bytes. */
    long size();

    /** Fills {@code dst} from its position to its limit with the bytes starting at {@code pos}. */
    void readFully(long pos, ByteBuffer dst) throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long pos, ByteBuffer dst) throws EOFException {
                int n = dst.remaining();
                if (pos < 0 || pos + n > bytes.length) {
                    throw new EOFException("read past the end of " + bytes.length + " bytes");
                }
                dst.put(bytes, (int) pos, n);
            }
        };
    }

    /** Reads from {@code channel}; the size is taken once, so a file that shrinks fails clearly. */
    static ByteSource of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void readFully(long pos, ByteBuffer dst) throws IOException {
                long p = pos;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, p);
                    if (n < 0) {
                        throw new EOFException("file ended at byte " + p + " while reading");
                    }
                    p += n;
                }
            }
        };
    }
}
