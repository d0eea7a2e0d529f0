package io.keyedrnn.model.io;

/** A float32 tensor to write: its shape and row-major data. */
record FloatTensor(int[] shape, float[] data) {

    FloatTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape holds " + n + " elements but data has " + data.length);
        }
    }

    static FloatTensor vector(float[] data) {
        return new FloatTensor(new int[] {data.length}, data);
    }

    static FloatTensor matrix(int rows, int cols, float[] data) {
        return new FloatTensor(new int[] {rows, cols}, data);
    }
}
