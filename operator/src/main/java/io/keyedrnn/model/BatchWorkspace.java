package io.keyedrnn.model;

/**
 * Scratch memory for one thread's batched steps of up to {@link #capacity()} keys, reused across
 * calls so a batch allocates nothing.
 */
public final class BatchWorkspace {
    /** Gate pre-activations of the layer being stepped, one row per key of the batch. */
    final float[][] gates;

    /** Second buffer per key: hidden projections, r ⊙ h, tanh(c). */
    final float[][] aux;

    /** Where each key's input to the layer being stepped starts in its array. */
    final float[][] xs;

    final int[] xOffs;

    /** Offsets into each key's state, or into each key's row of {@link #aux}. */
    final int[] offs;

    private final int width;

    BatchWorkspace(int capacity, int width) {
        if (capacity < 1) {
            throw new IllegalArgumentException("batch capacity must be positive, got " + capacity);
        }
        this.width = width;
        this.gates = new float[capacity][width];
        this.aux = new float[capacity][width];
        this.xs = new float[capacity][];
        this.xOffs = new int[capacity];
        this.offs = new int[capacity];
    }

    /** The largest batch this workspace steps. */
    public int capacity() {
        return gates.length;
    }

    /** Floats of scratch per key, at least the network's widest layer. */
    int width() {
        return width;
    }

    /** Fills offs[0, n) with {@code off} and returns it. */
    int[] sameOffsets(int off, int n) {
        java.util.Arrays.fill(offs, 0, n, off);
        return offs;
    }
}
