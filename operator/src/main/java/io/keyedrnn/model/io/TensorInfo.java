package io.keyedrnn.model.io;

import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header: dtype, shape and its byte range relative to the end
 * of the header. Built only by the header parser, which has checked every field.
 */
record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {

    /** Number of elements (1 for a scalar); the parser has checked it does not overflow. */
    long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    long byteLength() {
        return end - begin;
    }

    int rank() {
        return shape.length;
    }

    /** Dimension i. */
    int dim(int i) {
        return shape[i];
    }

    /** The shape as PyTorch prints it, e.g. {@code [128, 16]}. */
    String shapeText() {
        return Arrays.toString(shape);
    }
}
