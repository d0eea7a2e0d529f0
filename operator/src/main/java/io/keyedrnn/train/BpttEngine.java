package io.keyedrnn.train;

import io.keyedrnn.model.NetworkSpec;

/**
 * Forward and backward passes of a whole network over chunks of a batch of keys, layer by layer.
 *
 * <p>Each layer runs the full chunk before the next, so every input projection and weight gradient
 * is one matrix–matrix product per step over the batch. The state each chunk ends in becomes the
 * next chunk's start state ({@link #carryState}); gradients stop there (truncated BPTT).
 */
final class BpttEngine {
    private final NetworkSpec spec;
    private final int maxRows;
    private final LayerKernel[] layers;
    private final HeadKernel head;
    private final int embOff;
    private final float[][] xEmb;
    private final float[][] dxEmb;
    private final float[][][] xEmbAt;
    private final float[][][] dxEmbAt;
    private int lastSteps;

    BpttEngine(Parameters layout, int maxRows, int maxSteps) {
        this.spec = layout.spec();
        this.maxRows = maxRows;
        this.layers = new LayerKernel[spec.layers()];
        for (int k = 0; k < layers.length; k++) {
            layers[k] = LayerKernel.create(spec.cell(), k, layout, maxRows, maxSteps);
        }
        this.head = new HeadKernel(layout, maxRows, maxSteps);
        int cells = maxRows * maxSteps;
        boolean tokens = spec.categorical();
        this.embOff = tokens ? layout.tensor("embedding.weight").offset() : -1;
        this.xEmb = tokens ? Gemm.rows(cells, spec.inputSize()) : null;
        this.dxEmb = tokens ? Gemm.rows(cells, spec.inputSize()) : null;
        this.xEmbAt = tokens ? Gemm.views(xEmb, maxRows) : null;
        this.dxEmbAt = tokens ? Gemm.views(dxEmb, maxRows) : null;
    }

    /**
     * Approximate bytes of activation buffers per key-step of a chunk: per layer the gates and a
     * few hidden-sized rows (h, its gradient, cell state or gate extras), plus head outputs and
     * inputs, each row with a Java array header.
     */
    static long bytesPerCell(NetworkSpec spec) {
        long h = spec.hiddenSize();
        long perLayer = spec.cell().gates() * h + 4 * h + 4 * 16;
        long io = Math.max(1, spec.headSize()) + 2L * spec.inputSize() + 3 * 16;
        return 4 * (spec.layers() * perLayer + io);
    }

    /** Recomputes derived weights; call after every parameter update. Not modified: p. */
    void refresh(float[] p) {
        for (LayerKernel l : layers) {
            l.refresh(p);
        }
        head.refresh(p);
    }

    /** Starts every row from zero state. */
    void resetState() {
        for (LayerKernel l : layers) {
            l.resetState();
        }
    }

    /** Carries the state of the last chunk run into the next one. */
    void carryState() {
        for (LayerKernel l : layers) {
            l.carryState(lastSteps);
        }
    }

    /** Runs the chunk forward and returns its summed loss. Not modified: c, p. */
    double forward(Chunk c, float[] p) {
        runLayers(c, p);
        return head.forward(top().hAt, c, false, 0f);
    }

    /**
     * Runs the chunk forward and backward, adds scale·dL/dθ into grad and returns the summed loss.
     * Modified: grad. Not modified: c, p.
     */
    double forwardBackward(Chunk c, float[] p, float[] grad, float scale) {
        runLayers(c, p);
        double loss = head.forward(top().hAt, c, true, scale);
        head.backward(top().hAt, c, grad, top().dhOutAt);
        for (int k = layers.length - 1; k >= 0; k--) {
            float[][][] dx = k > 0 ? layers[k - 1].dhOutAt : dxEmbAt;
            layers[k].backward(input(k, c), inputOffset(k), c.act, c.steps, grad, dx);
        }
        if (dxEmb != null) {
            scatterEmbedding(c, grad);
        }
        return loss;
    }

    private void runLayers(Chunk c, float[] p) {
        if (xEmb != null) {
            gatherEmbedding(c, p);
        }
        for (int k = 0; k < layers.length; k++) {
            layers[k].forward(input(k, c), inputOffset(k), c.act, c.steps);
        }
        lastSteps = c.steps;
    }

    private float[][][] input(int k, Chunk c) {
        if (k > 0) {
            return layers[k - 1].hAt;
        }
        return xEmb != null ? xEmbAt : c.xAt;
    }

    /** Layer k > 0 reads slot t+1 of the layer below at step t. */
    private static int inputOffset(int k) {
        return k > 0 ? 1 : 0;
    }

    private void gatherEmbedding(Chunk c, float[] p) {
        int d = spec.inputSize();
        for (int t = 0; t < c.steps; t++) {
            for (int b = 0; b < c.act[t]; b++) {
                int cell = t * maxRows + b;
                int token = c.tokens[cell];
                System.arraycopy(p, embOff + token * d, xEmb[cell], 0, d);
            }
        }
    }

    private void scatterEmbedding(Chunk c, float[] grad) {
        int d = spec.inputSize();
        for (int t = 0; t < c.steps; t++) {
            for (int b = 0; b < c.act[t]; b++) {
                int cell = t * maxRows + b;
                int row = embOff + c.tokens[cell] * d;
                float[] dx = dxEmb[cell];
                for (int k = 0; k < d; k++) {
                    grad[row + k] += dx[k];
                }
            }
        }
    }

    private LayerKernel top() {
        return layers[layers.length - 1];
    }

    /**
     * After {@link #forward}: writes what {@link io.keyedrnn.model.RecurrentNetwork#writeOutput}
     * would for step t of row b, without the softmax (logits for tokens). Modified: dst.
     */
    void prediction(int t, int b, float[] dst) {
        head.prediction(t, b, dst);
    }

    /** After a chunk: the state row b ended in, laid out as the serving network's flat state. */
    void endState(int b, float[] dst) {
        int off = 0;
        for (LayerKernel l : layers) {
            off = l.copyState(lastSteps, b, dst, off);
        }
    }

    int outputSize() {
        return head.outputSize();
    }
}
