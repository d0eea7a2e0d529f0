package io.keyedrnn.model.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Reads a safetensors file: checks the length field and header before allocating anything sized by
 * them, then decodes tensors one at a time to float32, rejecting NaN and infinity.
 */
final class SafetensorsReader {
    /** Default cap on the JSON header; real headers are kilobytes, even with a vocabulary. */
    static final long DEFAULT_MAX_HEADER_BYTES = 100L << 20;

    /** The largest Java array the JVMs we run on allocate. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK_BYTES = 64 << 10;

    private final ByteSource src;
    private final String source;
    private final long dataStart;
    private final HeaderParser.Header header;

    private SafetensorsReader(
            ByteSource src, String source, long dataStart, HeaderParser.Header header) {
        this.src = src;
        this.source = source;
        this.dataStart = dataStart;
        this.header = header;
    }

    /** Reads and checks the framing and header of {@code src}. */
    static SafetensorsReader open(ByteSource src, String source, long maxHeaderBytes)
            throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new ModelFormatException(
                    source,
                    "file has "
                            + size
                            + " bytes; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, len);
        long n = len.getLong(0);
        if (n < 0 || n > maxHeaderBytes) {
            throw new ModelFormatException(
                    source,
                    "header length field says "
                            + Long.toUnsignedString(n)
                            + " bytes, above the limit of "
                            + maxHeaderBytes);
        }
        if (n > size - 8) {
            throw new ModelFormatException(
                    source,
                    "header length field says "
                            + n
                            + " bytes but only "
                            + (size - 8)
                            + " follow it (truncated file?)");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        src.readFully(8, header);
        long dataLength = size - 8 - n;
        HeaderParser.Header h = HeaderParser.parse(header.array(), dataLength, source);
        return new SafetensorsReader(src, source, 8 + n, h);
    }

    /** The tensors by name, sorted. */
    Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** The {@code __metadata__} map, empty when the file has none. */
    Map<String, String> metadata() {
        return header.metadata();
    }

    /** Decodes tensor {@code t} to float32 and checks that every value is finite. */
    float[] floats(TensorInfo t) throws IOException {
        long count = t.elementCount();
        if (count > MAX_ELEMENTS) {
            throw new ModelFormatException(
                    source, "tensor " + t.name() + " has " + count + " elements, too many to load");
        }
        float[] out = new float[(int) count];
        int size = t.dtype().size();
        ByteBuffer chunk =
                ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, t.byteLength()))
                        .order(ByteOrder.LITTLE_ENDIAN);
        long pos = dataStart + t.begin();
        int i = 0;
        while (i < out.length) {
            int n = Math.min(chunk.capacity() / size, out.length - i);
            chunk.clear().limit(n * size);
            try {
                src.readFully(pos, chunk);
            } catch (EOFException e) {
                throw new ModelFormatException(
                        source, "tensor " + t.name() + " cannot be read: " + e.getMessage(), e);
            }
            chunk.flip();
            for (int k = 0; k < n; k++) {
                out[i++] = t.dtype().next(chunk);
            }
            pos += (long) n * size;
        }
        checkFinite(t, out);
        return out;
    }

    private void checkFinite(TensorInfo t, float[] values) throws ModelFormatException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ModelFormatException(
                        source,
                        "tensor "
                                + t.name()
                                + " holds "
                                + values[i]
                                + " at flat index "
                                + i
                                + (t.dtype() == DType.F32
                                        ? ""
                                        : " (after conversion from " + t.dtype() + ")"));
            }
        }
    }
}
