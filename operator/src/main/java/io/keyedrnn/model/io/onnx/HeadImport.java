package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.Linear;
import io.keyedrnn.model.io.ModelFormatException;
import java.util.Set;

/**
 * The linear head: one {@code Gemm} (alpha, beta and transB folded in), or {@code MatMul} with an
 * optional {@code Add}, on the top layer's h, with constant weights, in PyTorch's [out, in] layout.
 */
final class HeadImport {
    private final Constants constants;
    private final String source;
    private float[] weight;
    private float[] bias;
    private int out;
    private int in;

    HeadImport(Constants constants, String source) {
        this.constants = constants;
        this.source = source;
    }

    boolean isHeadOp(OnnxNode node) {
        return Set.of("Gemm", "MatMul", "Add").contains(node.opType());
    }

    /**
     * Takes a head node that reads the chain; {@code onHead} says whether the chain operand is
     * already the head's output. Returns whether the head now has its bias.
     */
    boolean visit(OnnxNode node, boolean onHead, boolean hasBias, int hidden)
            throws ModelFormatException {
        switch (node.opType()) {
            case "Gemm" -> gemm(node, onHead, hidden);
            case "MatMul" -> matMul(node, onHead, hidden);
            default -> {
                add(node, onHead, hasBias);
                return true;
            }
        }
        return bias != null;
    }

    private void gemm(OnnxNode node, boolean onHead, int hidden) throws ModelFormatException {
        first(node, onHead);
        NodeAttributes a = new NodeAttributes(node, source);
        a.allowOnly(Set.of("alpha", "beta", "transA", "transB"));
        if (a.integer("transA", 0) != 0) {
            throw fail(node, "attribute transA = 1 is not supported");
        }
        boolean transB = a.integer("transB", 0) != 0;
        float[] w = matrix(node, 1, hidden, transB);
        float alpha = a.real("alpha", 1f);
        for (int i = 0; i < w.length; i++) {
            w[i] *= alpha;
        }
        weight = w;
        if (!node.input(2).isEmpty()) {
            bias = vector(node, 2);
            float beta = a.real("beta", 1f);
            for (int i = 0; i < bias.length; i++) {
                bias[i] *= beta;
            }
        }
    }

    private void matMul(OnnxNode node, boolean onHead, int hidden) throws ModelFormatException {
        first(node, onHead);
        weight = matrix(node, 1, hidden, false);
    }

    private void add(OnnxNode node, boolean onHead, boolean hasBias) throws ModelFormatException {
        if (!onHead || hasBias) {
            throw fail(
                    node,
                    "adds to "
                            + (onHead ? "a head that already has a bias" : "a recurrent output")
                            + "; only a head's bias may be added");
        }
        int k = constants.contains(node.input(0)) ? 0 : 1;
        bias = vector(node, k);
    }

    /** The head's first node: reads h as its first operand, and there is only one head. */
    private void first(OnnxNode node, boolean onHead) throws ModelFormatException {
        if (onHead || weight != null) {
            throw fail(node, "is a second head layer; keyed-rnn imports one linear head");
        }
        if (constants.contains(node.input(0))) {
            throw fail(node, "must read the recurrent output as its first operand");
        }
    }

    /** A constant [out, in] (transposed: [in, out]) matrix in PyTorch's [out, in] layout. */
    private float[] matrix(OnnxNode node, int k, int hidden, boolean outFirst)
            throws ModelFormatException {
        OnnxTensor t = constant(node, k);
        long[] d = t.dims();
        if (d.length != 2 || d[0] < 1 || d[1] < 1 || d[outFirst ? 1 : 0] != hidden) {
            throw fail(
                    node,
                    "weight '"
                            + t.name()
                            + "' has shape "
                            + t.shapeText()
                            + "; expected "
                            + (outFirst ? "[out, " + hidden + "]" : "[" + hidden + ", out]"));
        }
        in = hidden;
        out = (int) d[outFirst ? 0 : 1];
        float[] v = t.floats(source, node.label() + " weight");
        if (outFirst) {
            return v;
        }
        float[] w = new float[v.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                w[o * in + i] = v[i * out + o];
            }
        }
        return w;
    }

    /** A constant bias of {@code out} values (any leading axes of size 1), or one broadcast. */
    private float[] vector(OnnxNode node, int k) throws ModelFormatException {
        OnnxTensor t = constant(node, k);
        long[] d = t.dims();
        for (int i = 0; i + 1 < d.length; i++) {
            if (d[i] != 1) {
                throw fail(
                        node,
                        "bias '"
                                + t.name()
                                + "' has shape "
                                + t.shapeText()
                                + "; expected ["
                                + out
                                + "]");
            }
        }
        float[] v = t.floats(source, node.label() + " bias");
        if (v.length == 1 && out > 1) {
            float[] b = new float[out];
            java.util.Arrays.fill(b, v[0]);
            return b;
        }
        if (v.length != out) {
            throw fail(
                    node,
                    "bias '"
                            + t.name()
                            + "' has shape "
                            + t.shapeText()
                            + "; expected ["
                            + out
                            + "]");
        }
        return v;
    }

    private OnnxTensor constant(OnnxNode node, int k) throws ModelFormatException {
        OnnxTensor t = constants.get(node.input(k));
        if (t == null) {
            throw fail(
                    node,
                    "input " + k + " '" + node.input(k) + "' is not an initializer or Constant");
        }
        return t;
    }

    /** The head, or an error when no weight was found. */
    Linear linear(int hidden) throws ModelFormatException {
        if (weight == null) {
            throw new ModelFormatException(
                    source, "the prediction is a bias added to h, not a linear head");
        }
        if (in != hidden) {
            throw new ModelFormatException(
                    source, "the head takes " + in + " inputs but the top layer has " + hidden);
        }
        return new Linear(in, out, weight, bias == null ? new float[out] : bias);
    }

    private ModelFormatException fail(OnnxNode node, String problem) {
        return new ModelFormatException(source, node.label() + ": " + problem);
    }
}
