package io.keyedrnn.model;

import java.util.List;

/**
 * A stack of recurrent layers with an optional token embedding and an optional linear head.
 *
 * <p>A key's state is one flat float array: layer 0's h (then its c for LSTM), layer 1's h, and so
 * on; {@link #stateOffset(int)} says where each layer starts. The network is immutable and
 * thread-safe; each thread steps with its own {@link Workspace}.
 */
public final class RecurrentNetwork {
    private final List<RecurrentLayer> layers;
    private final Embedding embedding;
    private final Linear head;
    private final boolean softmax;
    private final HeadKind headKind;
    private final int[] stateOffsets;
    private final int stateSize;
    private final int scratchSize;

    /**
     * Assembles a network. {@code embedding} is null for numeric input; {@code head} is null when
     * the output is the top layer's h; {@code softmax} needs a head.
     */
    public RecurrentNetwork(
            List<RecurrentLayer> layers, Embedding embedding, Linear head, boolean softmax) {
        this(layers, embedding, head, softmax, HeadKind.LINEAR);
    }

    /**
     * Assembles a network whose head is of the given kind: a {@link HeadKind#GAUSSIAN} head is
     * numeric, without softmax, with two outputs per feature, and the output is then μ then σ
     * ({@link GaussianHead}).
     */
    public RecurrentNetwork(
            List<RecurrentLayer> layers,
            Embedding embedding,
            Linear head,
            boolean softmax,
            HeadKind headKind) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        if (softmax && head == null) {
            throw new IllegalArgumentException("a softmax output needs a head");
        }
        this.layers = List.copyOf(layers);
        this.embedding = embedding;
        this.head = head;
        this.softmax = softmax;
        this.headKind = java.util.Objects.requireNonNull(headKind, "headKind");
        this.stateOffsets = new int[layers.size()];
        int offset = 0;
        int scratch = 0;
        for (int k = 0; k < layers.size(); k++) {
            RecurrentLayer layer = layers.get(k);
            int expectedIn =
                    k > 0
                            ? layers.get(k - 1).hiddenSize()
                            : embeddingDimensionOr(layer.inputSize());
            if (layer.inputSize() != expectedIn) {
                throw new IllegalArgumentException(
                        "layer "
                                + k
                                + " takes "
                                + layer.inputSize()
                                + " inputs but receives "
                                + expectedIn);
            }
            stateOffsets[k] = offset;
            offset += layer.stateSize();
            scratch = Math.max(scratch, layer.scratchSize());
        }
        if (head != null && head.inputSize() != topHiddenSize()) {
            throw new IllegalArgumentException(
                    "head takes "
                            + head.inputSize()
                            + " inputs but the top layer has "
                            + topHiddenSize());
        }
        this.stateSize = offset;
        this.scratchSize = scratch;
        checkGaussian();
    }

    private void checkGaussian() {
        if (headKind == HeadKind.GAUSSIAN
                && (head == null
                        || softmax
                        || embedding != null
                        || head.outputSize() != headKind.outputs(inputSize()))) {
            throw new IllegalArgumentException(
                    "a Gaussian head needs numeric input, no softmax and 2 × "
                            + inputSize()
                            + " outputs (means, then log-variances)");
        }
    }

    private int embeddingDimensionOr(int fallback) {
        return embedding == null ? fallback : embedding.dimension();
    }

    /** A fresh workspace for one thread. */
    public Workspace newWorkspace() {
        return new Workspace(scratchSize);
    }

    /**
     * Advances a key one step on numeric features and writes the output. Modified: state, out, ws.
     * Not modified: features.
     */
    public void step(float[] features, float[] state, float[] out, Workspace ws) {
        if (embedding != null) {
            throw new IllegalStateException("this network takes tokens, not features");
        }
        if (features.length != inputSize()) {
            throw new IllegalArgumentException(
                    "expected " + inputSize() + " features, got " + features.length);
        }
        advance(features, 0, state, ws);
        writeOutput(state, out);
    }

    /** Advances a key one step on a token id and writes the output. Modified: state, out, ws. */
    public void stepToken(int token, float[] state, float[] out, Workspace ws) {
        if (embedding == null) {
            throw new IllegalStateException("this network takes features, not tokens");
        }
        advance(embedding.weight(), embedding.rowOffset(token), state, ws);
        writeOutput(state, out);
    }

    /** A fresh workspace for one thread's batches of at most {@code capacity} keys. */
    public BatchWorkspace newBatchWorkspace(int capacity) {
        return new BatchWorkspace(capacity, scratchSize);
    }

    /**
     * Advances n different keys one step each on numeric features, bit for bit as n calls of {@link
     * #step} would: key b's features are features[b], its state states[b], its output goes to
     * outs[b]. Each layer's weights are read once for the whole batch. Every slot is checked before
     * any state changes; a state array may appear only once. Modified: states[0, n), outs[0, n),
     * ws. Not modified: features.
     */
    public void stepBatch(
            float[][] features, float[][] states, float[][] outs, int n, BatchWorkspace ws) {
        if (embedding != null) {
            throw new IllegalStateException("this network takes tokens, not features");
        }
        BatchSteps.checkShape(this, n, features, features.length, states, outs, ws);
        BatchSteps.checkFeatures(this, features, n);
        for (int b = 0; b < n; b++) {
            ws.xs[b] = features[b];
            ws.xOffs[b] = 0;
        }
        advanceBatch(states, outs, n, ws);
    }

    /**
     * Advances n different keys one step each on token ids, bit for bit as n calls of {@link
     * #stepToken}; checked as {@link #stepBatch}. Modified: states[0, n), outs[0, n), ws.
     */
    public void stepTokenBatch(
            int[] tokens, float[][] states, float[][] outs, int n, BatchWorkspace ws) {
        if (embedding == null) {
            throw new IllegalStateException("this network takes features, not tokens");
        }
        BatchSteps.checkShape(this, n, tokens, tokens.length, states, outs, ws);
        for (int b = 0; b < n; b++) {
            ws.xOffs[b] = embedding.rowOffset(tokens[b]);
        }
        for (int b = 0; b < n; b++) {
            ws.xs[b] = embedding.weight();
        }
        advanceBatch(states, outs, n, ws);
    }

    private void advanceBatch(float[][] states, float[][] outs, int n, BatchWorkspace ws) {
        layers.get(0).stepBatch(ws.xs, ws.xOffs, states, 0, n, ws);
        for (int k = 1; k < layers.size(); k++) {
            java.util.Arrays.fill(ws.xOffs, 0, n, stateOffsets[k - 1]);
            layers.get(k).stepBatch(states, ws.xOffs, states, stateOffsets[k], n, ws);
        }
        writeOutputs(states, outs, n, ws);
        java.util.Arrays.fill(ws.xs, 0, n, null);
    }

    private void writeOutputs(float[][] states, float[][] outs, int n, BatchWorkspace ws) {
        int top = stateOffsets[layers.size() - 1];
        if (head == null) {
            for (int b = 0; b < n; b++) {
                System.arraycopy(states[b], top, outs[b], 0, topHiddenSize());
            }
            return;
        }
        java.util.Arrays.fill(ws.xOffs, 0, n, top);
        head.applyBatch(states, ws.xOffs, outs, n);
        if (softmax) {
            for (int b = 0; b < n; b++) {
                Softmax.inPlace(outs[b], head.outputSize());
            }
        } else if (headKind == HeadKind.GAUSSIAN) {
            for (int b = 0; b < n; b++) {
                GaussianHead.toStd(outs[b], inputSize());
            }
        }
    }

    /** Floats of scratch per key the widest layer needs. */
    int scratchSize() {
        return scratchSize;
    }

    private void advance(float[] x, int xOff, float[] state, Workspace ws) {
        if (state.length != stateSize) {
            throw new IllegalArgumentException(
                    "state has " + state.length + " floats, the network needs " + stateSize);
        }
        layers.get(0).step(x, xOff, state, 0, ws);
        for (int k = 1; k < layers.size(); k++) {
            layers.get(k).step(state, stateOffsets[k - 1], state, stateOffsets[k], ws);
        }
    }

    /**
     * Writes the output for the current state (head, softmax, μ then σ of a Gaussian head, or top
     * h). Modified: out.
     */
    public void writeOutput(float[] state, float[] out) {
        int top = stateOffsets[layers.size() - 1];
        if (head == null) {
            System.arraycopy(state, top, out, 0, topHiddenSize());
            return;
        }
        head.apply(state, top, out);
        if (softmax) {
            Softmax.inPlace(out, head.outputSize());
        } else if (headKind == HeadKind.GAUSSIAN) {
            GaussianHead.toStd(out, inputSize());
        }
    }

    /** Number of numeric features, or the vocabulary size for token input. */
    public int inputSize() {
        return embedding == null ? layers.get(0).inputSize() : embedding.vocabularySize();
    }

    /** Length of the output {@link #step} writes. */
    public int outputSize() {
        return head == null ? topHiddenSize() : head.outputSize();
    }

    public int stateSize() {
        return stateSize;
    }

    /** Where layer k's state (h, then c) starts in the flat state array. */
    public int stateOffset(int layer) {
        return stateOffsets[layer];
    }

    public int topHiddenSize() {
        return layers.get(layers.size() - 1).hiddenSize();
    }

    public List<RecurrentLayer> layers() {
        return layers;
    }

    public CellKind cellKind() {
        return layers.get(0).kind();
    }

    public boolean isCategorical() {
        return embedding != null;
    }

    public boolean hasSoftmax() {
        return softmax;
    }

    /** What the head predicts; {@link HeadKind#LINEAR} also for no head or a softmax. */
    public HeadKind headKind() {
        return headKind;
    }

    /** Whether the output is μ then σ of a {@link HeadKind#GAUSSIAN} head. */
    public boolean isGaussian() {
        return headKind == HeadKind.GAUSSIAN;
    }

    /** The embedding, or null for numeric input. */
    public Embedding embedding() {
        return embedding;
    }

    /** The head, or null when the output is the top layer's h. */
    public Linear head() {
        return head;
    }

    /** Number of trainable parameters. */
    public long parameterCount() {
        long n = 0;
        for (RecurrentLayer layer : layers) {
            n += layer.parameterCount();
        }
        if (head != null) {
            n += (long) head.outputSize() * (head.inputSize() + 1);
        }
        if (embedding != null) {
            n += (long) embedding.vocabularySize() * embedding.dimension();
        }
        return n;
    }
}
