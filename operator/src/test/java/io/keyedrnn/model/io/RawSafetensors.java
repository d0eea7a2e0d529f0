package io.keyedrnn.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds safetensors files by hand for tests, independently of {@link SafetensorsWriter}, so a test
 * can make exactly the file PyTorch would write, or a broken one.
 */
final class RawSafetensors {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode header = JSON.createObjectNode();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    /** Appends a float32 tensor. */
    RawSafetensors f32(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return raw(name, "F32", shape, b.array());
    }

    /** Appends a tensor of any dtype from its raw little-endian bytes. */
    RawSafetensors raw(String name, String dtype, int[] shape, byte[] bytes) {
        ObjectNode entry = header.putObject(name);
        entry.put("dtype", dtype);
        ArrayNode s = entry.putArray("shape");
        for (int d : shape) {
            s.add(d);
        }
        entry.putArray("data_offsets").add(data.size()).add(data.size() + bytes.length);
        data.writeBytes(bytes);
        return this;
    }

    /** A copy without the named tensors, the others' data moved up so no gap remains. */
    RawSafetensors drop(String... names) {
        java.util.Set<String> gone = java.util.Set.of(names);
        byte[] all = data();
        RawSafetensors copy = new RawSafetensors();
        header.properties()
                .forEach(
                        e -> {
                            if (e.getKey().equals("__metadata__")) {
                                copy.header.set(e.getKey(), e.getValue().deepCopy());
                            } else if (!gone.contains(e.getKey())) {
                                JsonNode t = e.getValue();
                                int[] shape = new int[t.get("shape").size()];
                                for (int i = 0; i < shape.length; i++) {
                                    shape[i] = t.get("shape").get(i).asInt();
                                }
                                int begin = t.get("data_offsets").get(0).asInt();
                                int end = t.get("data_offsets").get(1).asInt();
                                copy.raw(
                                        e.getKey(),
                                        t.get("dtype").asText(),
                                        shape,
                                        Arrays.copyOfRange(all, begin, end));
                            }
                        });
        return copy;
    }

    /** Puts a {@code __metadata__} entry. */
    RawSafetensors metadata(String key, String value) {
        ObjectNode m =
                header.has("__metadata__")
                        ? (ObjectNode) header.get("__metadata__")
                        : header.putObject("__metadata__");
        m.put(key, value);
        return this;
    }

    /** The header, for a test to break before calling {@link #bytes()}. */
    ObjectNode header() {
        return header;
    }

    byte[] data() {
        return data.toByteArray();
    }

    byte[] bytes() {
        return assemble(header.toString(), data());
    }

    /** The tensor entry {@code name} of the header, to break. */
    ObjectNode entry(String name) {
        return (ObjectNode) header.get(name);
    }

    /** Length field + header + data. */
    static byte[] assemble(String header, byte[] data) {
        return assemble(header.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] assemble(byte[] header, byte[] data) {
        ByteBuffer b =
                ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(header.length).put(header).put(data).array();
    }

    /** The parsed header of a whole file. */
    static ObjectNode headerOf(byte[] file) {
        int n = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        try {
            return (ObjectNode) JSON.readTree(Arrays.copyOfRange(file, 8, 8 + n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data region of a whole file. */
    static byte[] dataOf(byte[] file) {
        int n = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return Arrays.copyOfRange(file, 8 + n, file.length);
    }

    /** Values 0.01·(seed + i) spread over [-1, 1), distinct per tensor. */
    static float[] values(int n, int seed) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((seed * 37 + i * 11) % 200 - 100) / 100f;
        }
        return v;
    }

    /**
     * A plain PyTorch file (no metadata) of a recurrent stack with {@code gates} gate blocks,
     * biases on every layer, and a head of {@code head} outputs when {@code head > 0}.
     */
    static RawSafetensors plain(int gates, int input, int hidden, int layers, int head) {
        RawSafetensors f = new RawSafetensors();
        int rows = gates * hidden;
        int seed = 1;
        for (int k = 0; k < layers; k++) {
            int in = k == 0 ? input : hidden;
            f.f32("weight_ih_l" + k, new int[] {rows, in}, values(rows * in, seed++));
            f.f32("weight_hh_l" + k, new int[] {rows, hidden}, values(rows * hidden, seed++));
            f.f32("bias_ih_l" + k, new int[] {rows}, values(rows, seed++));
            f.f32("bias_hh_l" + k, new int[] {rows}, values(rows, seed++));
        }
        if (head > 0) {
            f.f32("head.weight", new int[] {head, hidden}, values(head * hidden, seed++));
            f.f32("head.bias", new int[] {head}, values(head, seed));
        }
        return f;
    }
}
