package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.CellKind;

/**
 * Gate block orders: ONNX stacks LSTM gates i, o, f, c and GRU gates z, r, h, where PyTorch (and
 * keyed-rnn) stack LSTM i, f, g, o and GRU r, z, n.
 */
final class GateOrder {
    private GateOrder() {}

    /** For each PyTorch block, the ONNX block it comes from. */
    static int[] onnxBlockOfTorch(CellKind cell) {
        return switch (cell) {
            case LSTM -> new int[] {0, 2, 3, 1};
            case GRU, GRU_CHO -> new int[] {1, 0, 2};
            case RNN_TANH, RNN_RELU -> new int[] {0};
        };
    }

    /** For each ONNX block, the PyTorch block it comes from. */
    static int[] torchBlockOfOnnx(CellKind cell) {
        int[] forward = onnxBlockOfTorch(cell);
        int[] inverse = new int[forward.length];
        for (int t = 0; t < forward.length; t++) {
            inverse[forward[t]] = t;
        }
        return inverse;
    }

    /**
     * Copies blocks of {@code blockRows × cols} row-major values: block j of the result is block
     * {@code from[j]} of {@code src}, read at {@code srcOff}. Not modified: src.
     */
    static float[] permute(float[] src, int srcOff, int blockRows, int cols, int[] from) {
        int block = blockRows * cols;
        float[] out = new float[from.length * block];
        for (int j = 0; j < from.length; j++) {
            System.arraycopy(src, srcOff + from[j] * block, out, j * block, block);
        }
        return out;
    }
}
