package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.io.ModelFormatException;
import java.util.Set;

/**
 * The parts of a graph a categorical model adds: {@code Gather} of the token ids on axis 0 of a
 * constant [vocabulary, dimension] table (PyTorch's nn.Embedding), and {@code Softmax} over the
 * last axis of the head's output.
 */
final class CategoricalImport {
    private final Constants constants;
    private final String source;
    private OnnxNode gather;
    private OnnxTensor table;
    private float[] weight;
    private OnnxNode softmax;
    private long softmaxAxis;

    CategoricalImport(Constants constants, String source) {
        this.constants = constants;
        this.source = source;
    }

    /** {@code Gather(table, token ids)}: the embedding lookup, once per graph. */
    void gather(OnnxNode node) throws ModelFormatException {
        NodeAttributes a = new NodeAttributes(node, source);
        a.allowOnly(Set.of("axis"));
        long axis = a.integer("axis", 0);
        if (axis != 0) {
            throw a.fail("axis", "= " + axis + "; an embedding lookup gathers rows (axis 0)");
        }
        if (gather != null) {
            throw fail(node, "is a second embedding lookup; keyed-rnn has one embedding");
        }
        OnnxTensor t = constants.get(node.input(0));
        if (t == null) {
            throw fail(
                    node,
                    "input 0 (the embedding table) '"
                            + node.input(0)
                            + "' is not an initializer or Constant");
        }
        long[] d = t.dims();
        if (d.length != 2 || d[0] < 1 || d[1] < 1) {
            throw fail(
                    node,
                    "embedding table '"
                            + t.name()
                            + "' has shape "
                            + t.shapeText()
                            + "; expected [vocabulary, dimension]");
        }
        // Decoded now: its size is checked against the file's bytes before any dimension is used.
        weight = t.floats(source, node.label() + " embedding table");
        gather = node;
        table = t;
    }

    /** {@code Softmax} on the head's output; the axis must be the last (the tokens). */
    void softmax(OnnxNode node, long opset) throws ModelFormatException {
        NodeAttributes a = new NodeAttributes(node, source);
        a.allowOnly(Set.of("axis"));
        // Before opset 13 the default axis was 1 (and the input was flattened from it).
        softmaxAxis = a.integer("axis", opset >= 13 ? -1 : 1);
        softmax = node;
    }

    /** Embedding dimension: what layer 0 must take. */
    int dimension() {
        return (int) table.dims()[1];
    }

    String gatherLabel() {
        return gather.label();
    }

    /**
     * Checks the softmax runs over the prediction's last axis, of rank {@code rank} as the graph's
     * output declares it (0: not declared, then only axis -1 is known to be the last).
     */
    private void checkSoftmaxAxis(int rank) throws ModelFormatException {
        if (softmaxAxis == -1 || (rank > 0 && softmaxAxis == rank - 1)) {
            return;
        }
        throw fail(
                softmax,
                "attribute axis = "
                        + softmaxAxis
                        + " is not the last axis of the prediction"
                        + (rank > 0 ? " (rank " + rank + ")" : " (its rank is not declared)")
                        + "; the softmax must run over the tokens");
    }

    /**
     * The embedding, or null for numeric input, once the head is known: a categorical prediction
     * must be the softmax of a head that scores every token, as keyed-rnn always computes it.
     */
    Embedding finish(Linear head, boolean softmaxed, OnnxGraph.ValueInfo prediction)
            throws ModelFormatException {
        if (softmaxed) {
            checkSoftmaxAxis(prediction.dims().length);
        }
        if (gather == null) {
            return null;
        }
        if (!softmaxed) {
            throw new ModelFormatException(
                    source,
                    "the graph's first output '"
                            + prediction.name()
                            + "' is not a Softmax of the head; keyed-rnn's categorical models"
                            + " predict token probabilities (export logits through a softmax)");
        }
        Embedding e = embedding();
        if (head.outputSize() != e.vocabularySize()) {
            throw fail(
                    gather,
                    "embeds "
                            + e.vocabularySize()
                            + " tokens but the head has "
                            + head.outputSize()
                            + " outputs; a categorical head scores every token");
        }
        return e;
    }

    private Embedding embedding() throws ModelFormatException {
        try {
            return new Embedding((int) table.dims()[0], dimension(), weight);
        } catch (IllegalArgumentException e) {
            throw fail(gather, e.getMessage());
        }
    }

    private ModelFormatException fail(OnnxNode node, String problem) {
        return new ModelFormatException(source, node.label() + ": " + problem);
    }
}
