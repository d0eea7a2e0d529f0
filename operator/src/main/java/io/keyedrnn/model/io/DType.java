package io.keyedrnn.model.io;

import java.nio.ByteBuffer;

/** The safetensors element types keyed-rnn reads, each converted to float32 on load. */
enum DType {
    F32(4),
    F16(2),
    BF16(2),
    F64(8);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    int size() {
        return size;
    }

    /** The dtype named {@code name}; the error names the tensor and the dtype it carries. */
    static DType parse(String name, String tensor, String source) throws ModelFormatException {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new ModelFormatException(
                source,
                "tensor "
                        + tensor
                        + " has dtype "
                        + name
                        + "; keyed-rnn reads F32, F16, BF16 and F64 (converted to float32)");
    }

    /** Reads one little-endian element at the buffer's position, advancing it. */
    float next(ByteBuffer le) {
        switch (this) {
            case F32:
                return le.getFloat();
            case F16:
                return halfToFloat(le.getShort());
            case BF16:
                return Float.intBitsToFloat((le.getShort() & 0xffff) << 16);
            case F64:
                return (float) le.getDouble();
            default:
                throw new AssertionError(this);
        }
    }

    /** IEEE 754 binary16 to float32 (exact; JDK 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            // Inf or NaN: keep the payload so NaN stays NaN.
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // Zero or subnormal: value = mant · 2^-24, exact in float32.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
