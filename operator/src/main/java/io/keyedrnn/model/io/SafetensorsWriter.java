package io.keyedrnn.model.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float32 safetensors deterministically: tensors in name order, metadata keys sorted, the
 * header padded with spaces to a multiple of 8 so the data region starts aligned.
 */
final class SafetensorsWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private SafetensorsWriter() {}

    /** The file bytes for {@code tensors} and {@code metadata} (omitted when empty). */
    static byte[] write(Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
        byte[] header = padded(header(sorted, new TreeMap<>(metadata)));
        long dataBytes = 0;
        for (FloatTensor t : sorted.values()) {
            dataBytes += 4L * t.data().length;
        }
        long total = 8 + header.length + dataBytes;
        if (total > SafetensorsReader.MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    "model of " + total + " bytes is too large to write");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        for (FloatTensor t : sorted.values()) {
            out.asFloatBuffer().put(t.data());
            out.position(out.position() + 4 * t.data().length);
        }
        return out.array();
    }

    private static byte[] header(Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(HeaderParser.METADATA);
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
                long end = offset + 4L * e.getValue().data().length;
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", "F32");
                int[] shape = e.getValue().shape();
                g.writeArrayFieldStart("shape");
                for (int d : shape) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(end);
                g.writeEndArray();
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static byte[] padded(byte[] header) {
        int length = (header.length + 7) & ~7;
        byte[] out = java.util.Arrays.copyOf(header, length);
        java.util.Arrays.fill(out, header.length, length, (byte) ' ');
        return out;
    }
}
