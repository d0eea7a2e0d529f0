package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A TensorProto as read: shape, data type and its data in whichever field held it (raw_data as a
 * slice of the file, not copied). Values are decoded on request, after the size each field holds is
 * checked against the shape.
 */
record OnnxTensor(
        String name,
        int dataType,
        long[] dims,
        ProtoReader.Slice raw,
        float[] floatData,
        double[] doubleData,
        long[] intData) {

    /** A FLOAT tensor holding {@code v} as little-endian raw_data, for writing. */
    static OnnxTensor ofFloats(String name, long[] dims, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return new OnnxTensor(
                name,
                OnnxFields.TensorF.FLOAT,
                dims.clone(),
                new ProtoReader.Slice(b.array(), 0, b.capacity()),
                null,
                null,
                null);
    }

    /** An INT64 tensor holding {@code v} as little-endian raw_data, for writing. */
    static OnnxTensor ofLongs(String name, long[] dims, long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(v);
        return new OnnxTensor(
                name,
                OnnxFields.TensorF.INT64,
                dims.clone(),
                new ProtoReader.Slice(b.array(), 0, b.capacity()),
                null,
                null,
                null);
    }

    /** Elements the shape holds (the parser refuses shapes whose product overflows). */
    long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    String shapeText() {
        return Arrays.toString(dims);
    }

    /** The values as float32: FLOAT or DOUBLE data, every value finite. */
    float[] floats(String source, String what) throws ModelFormatException {
        int n = count(source, what);
        float[] out;
        if (dataType == OnnxFields.TensorF.FLOAT) {
            out = raw != null ? rawFloats(source, what, n) : sized(floatData, n, source, what);
        } else if (dataType == OnnxFields.TensorF.DOUBLE) {
            double[] d =
                    raw != null ? rawDoubles(source, what, n) : sized(doubleData, n, source, what);
            out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) d[i];
            }
        } else {
            throw fail(
                    source,
                    what,
                    "has data type " + dataType + "; expected FLOAT (1) or DOUBLE (11)");
        }
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(out[i])) {
                throw fail(source, what, "holds " + out[i] + " at flat index " + i);
            }
        }
        return out;
    }

    /** The values as longs: INT64 or INT32 data. */
    long[] longs(String source, String what) throws ModelFormatException {
        int n = count(source, what);
        if (dataType == OnnxFields.TensorF.INT64) {
            if (raw == null) {
                return sized(intData, n, source, what);
            }
            long[] out = new long[n];
            rawBuffer(source, what, n, 8).asLongBuffer().get(out);
            return out;
        }
        if (dataType == OnnxFields.TensorF.INT32) {
            if (raw == null) {
                return sized(intData, n, source, what);
            }
            int[] ints = new int[n];
            rawBuffer(source, what, n, 4).asIntBuffer().get(ints);
            return Arrays.stream(ints).asLongStream().toArray();
        }
        throw fail(source, what, "has data type " + dataType + "; expected INT64 (7) or INT32 (6)");
    }

    private float[] rawFloats(String source, String what, int n) throws ModelFormatException {
        float[] out = new float[n];
        rawBuffer(source, what, n, 4).asFloatBuffer().get(out);
        return out;
    }

    private double[] rawDoubles(String source, String what, int n) throws ModelFormatException {
        double[] out = new double[n];
        rawBuffer(source, what, n, 8).asDoubleBuffer().get(out);
        return out;
    }

    private int count(String source, String what) throws ModelFormatException {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw fail(source, what, "has shape " + shapeText() + ", too large");
        }
        return (int) n;
    }

    private ByteBuffer rawBuffer(String source, String what, int n, int width)
            throws ModelFormatException {
        if (raw.length() != (long) n * width) {
            throw fail(
                    source,
                    what,
                    "has shape "
                            + shapeText()
                            + " ("
                            + n
                            + " values of "
                            + width
                            + " bytes) but raw_data holds "
                            + raw.length()
                            + " bytes");
        }
        return ByteBuffer.wrap(raw.bytes(), raw.offset(), raw.length())
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private <T> T sized(T values, int n, String source, String what) throws ModelFormatException {
        int have = values == null ? 0 : java.lang.reflect.Array.getLength(values);
        if (have != n) {
            throw fail(
                    source,
                    what,
                    "has shape " + shapeText() + " (" + n + " values) but holds " + have);
        }
        return values;
    }

    private ModelFormatException fail(String source, String what, String problem) {
        return new ModelFormatException(source, what + " '" + name + "' " + problem);
    }
}
