package io.keyedrnn.train;

import java.util.Arrays;
import java.util.List;

/**
 * The inputs and targets of one chunk of time steps for a batch of keys, in the kernels' layout.
 *
 * <p>Rows are the batch's sequences sorted by decreasing length, so {@code act[t]}, the number of
 * keys that still have an event at step t, describes the mask. Step t of row b predicts that key's
 * next event; {@code hasTarget} says whether that prediction counts. Buffers are allocated once for
 * the largest batch and chunk and refilled.
 */
final class Chunk {
    final int maxRows;
    final int maxSteps;

    /** Features per event for numeric input, 0 for tokens. */
    final int width;

    final int[] act;

    /** Input and target features per step and row (numeric input). */
    final float[][] x;

    final float[][] target;

    /** The rows of x by step. */
    final float[][][] xAt;

    final int[] tokens;
    final int[] targetToken;
    final boolean[] hasTarget;
    int steps;
    int targetCount;

    Chunk(int maxRows, int maxSteps, int width) {
        this.maxRows = maxRows;
        this.maxSteps = maxSteps;
        this.width = width;
        int cells = maxRows * maxSteps;
        this.act = new int[maxSteps];
        this.hasTarget = new boolean[cells];
        this.x = width > 0 ? new float[cells][width] : null;
        this.target = width > 0 ? new float[cells][width] : null;
        this.xAt = width > 0 ? Gemm.views(x, maxRows) : null;
        this.tokens = width > 0 ? null : new int[cells];
        this.targetToken = width > 0 ? null : new int[cells];
    }

    /**
     * Loads steps [t0, t0 + steps) of the sequences, which must be sorted by decreasing length.
     * Modified: this. Not modified: rows.
     */
    void fill(List<Sequence> rows, int t0, int steps) {
        if (rows.size() > maxRows || steps > maxSteps) {
            throw new IllegalArgumentException(
                    "chunk of "
                            + rows.size()
                            + " × "
                            + steps
                            + " exceeds "
                            + maxRows
                            + " × "
                            + maxSteps);
        }
        this.steps = steps;
        this.targetCount = 0;
        Arrays.fill(act, 0);
        for (int b = 0; b < rows.size(); b++) {
            Sequence s = rows.get(b);
            int len = s.length();
            int end = Math.min(steps, len - t0);
            for (int t = 0; t < end; t++) {
                act[t] = b + 1;
                loadCell(s, t0 + t, t * maxRows + b);
            }
        }
    }

    private void loadCell(Sequence s, int tau, int cell) {
        boolean counts = tau + 1 < s.length() && tau + 1 >= s.lossFrom();
        hasTarget[cell] = counts;
        if (counts) {
            targetCount++;
        }
        if (width > 0) {
            System.arraycopy(s.rows()[tau], 0, x[cell], 0, width);
            if (counts) {
                System.arraycopy(s.rows()[tau + 1], 0, target[cell], 0, width);
            }
        } else {
            tokens[cell] = s.tokens()[tau];
            targetToken[cell] = counts ? s.tokens()[tau + 1] : -1;
        }
    }

    /** Number of predicted elements: one per feature for numeric input, one per token. */
    int elementCount() {
        return width > 0 ? targetCount * width : targetCount;
    }
}
