package io.keyedrnn.model.io.onnx;

/**
 * What a tensor on the importer's chain holds: its stage, the layer whose h it derives from (-1
 * before layer 0), and whether it passed the head and a softmax.
 */
record ChainValue(int layer, Stage stage, boolean headed, boolean softmax) {
    /** What a chain tensor holds, in the order the chain passes through. */
    enum Stage {
        FEATURES,
        CENTRED,
        NORMALISED,
        TOKENS,
        EMBEDDED,
        H,
        HEAD,
        HEAD_BIASED,
        PROBABILITIES,
        SCALED,
        DENORMALISED
    }

    ChainValue(int layer, Stage stage) {
        this(layer, stage, false, false);
    }

    ChainValue next(Stage s) {
        return new ChainValue(layer, s, headed, softmax || s == Stage.PROBABILITIES);
    }

    /** The top layer's h or the head's output, before any softmax. */
    boolean onTop() {
        return stage == Stage.H || stage == Stage.HEAD || stage == Stage.HEAD_BIASED;
    }
}
