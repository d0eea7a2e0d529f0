package io.keyedrnn.model.io.onnx;

import com.google.protobuf.CodedInputStream;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.IOException;
import java.util.Arrays;

/**
 * A repeated numeric protobuf field, packed or not (a reader must accept both), growing as values
 * arrive; at most {@code cap} values, so a stated count never sizes an allocation.
 */
final class Repeated {
    private final String name;
    private final int cap;

    /** Values as longs, floats and doubles as their raw bits: one instance holds one kind. */
    private long[] values = new long[4];

    private int size;

    Repeated(String name, int cap) {
        this.name = name;
        this.cap = cap;
    }

    /** Adds the current field's value(s) as varints. */
    void addVarints(ProtoReader r) throws ModelFormatException {
        if (!r.isLengthDelimited()) {
            addLong(r.varint(name), r);
            return;
        }
        CodedInputStream in = packed(r);
        try {
            while (!in.isAtEnd()) {
                addLong(in.readRawVarint64(), r);
            }
        } catch (IOException e) {
            throw r.fail(name + ": bad packed varint: " + e.getMessage());
        }
    }

    /** Adds the current field's value(s) as little-endian float32. */
    void addFloats(ProtoReader r) throws ModelFormatException {
        if (!r.isLengthDelimited()) {
            addFloat(r.fixedFloat(name), r);
            return;
        }
        ProtoReader.Slice s = r.slice(name);
        if (s.length() % 4 != 0) {
            throw r.fail(name + ": packed floats of " + s.length() + " bytes");
        }
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.wrap(s.bytes(), s.offset(), s.length())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            addFloat(b.getFloat(), r);
        }
    }

    /** Adds the current field's value(s) as little-endian float64. */
    void addDoubles(ProtoReader r) throws ModelFormatException {
        ProtoReader.Slice s = r.slice(name + " (packed)");
        if (s.length() % 8 != 0) {
            throw r.fail(name + ": packed doubles of " + s.length() + " bytes");
        }
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.wrap(s.bytes(), s.offset(), s.length())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            add(Double.doubleToRawLongBits(b.getDouble()), r);
        }
    }

    private CodedInputStream packed(ProtoReader r) throws ModelFormatException {
        ProtoReader.Slice s = r.slice(name);
        return CodedInputStream.newInstance(s.bytes(), s.offset(), s.length());
    }

    private void addLong(long v, ProtoReader r) throws ModelFormatException {
        add(v, r);
    }

    private void addFloat(float v, ProtoReader r) throws ModelFormatException {
        add(Float.floatToRawIntBits(v), r);
    }

    private void add(long v, ProtoReader r) throws ModelFormatException {
        if (size >= cap) {
            throw r.fail(name + " has more than " + cap + " values");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(cap, 2L * size + 4));
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long[] longs() {
        return Arrays.copyOf(values, size);
    }

    float[] floats() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = Float.intBitsToFloat((int) values[i]);
        }
        return out;
    }

    double[] doubles() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = Double.longBitsToDouble(values[i]);
        }
        return out;
    }
}
