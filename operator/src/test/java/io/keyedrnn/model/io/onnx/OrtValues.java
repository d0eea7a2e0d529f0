package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import java.nio.FloatBuffer;

/** Reading ONNX Runtime's outputs and comparing them with keyed-rnn's, for the parity tests. */
final class OrtValues {
    static final double TOLERANCE = 1e-5;

    private OrtValues() {}

    /** A FLOAT tensor's values in row-major order. */
    static float[] flat(OnnxValue v) {
        FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** ours[off, off + n) equals ort[ortOff, ortOff + n) within {@link #TOLERANCE}. */
    static void assertClose(float[] ours, int off, float[] ort, int ortOff, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(ort[ortOff + i], ours[off + i], TOLERANCE, what + " [" + i + "]");
        }
    }
}
