package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.io.ModelFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns one ONNX {@code LSTM}, {@code GRU} or {@code RNN} node into a keyed-rnn layer: forward
 * direction, default activations, no clip, weights as constants; gates reordered to PyTorch's
 * layout and {@code B = [Wb, Rb]} split into bias_ih and bias_hh.
 */
final class RecurrentNodeImport {
    private static final Set<String> COMMON =
            Set.of(
                    "hidden_size",
                    "direction",
                    "activations",
                    "activation_alpha",
                    "activation_beta",
                    "clip",
                    "layout");

    private final OnnxNode node;
    private final Constants constants;
    private final String source;
    private final NodeAttributes attrs;

    private RecurrentNodeImport(OnnxNode node, Constants constants, String source) {
        this.node = node;
        this.constants = constants;
        this.source = source;
        this.attrs = new NodeAttributes(node, source);
    }

    static boolean isRecurrent(OnnxNode node) {
        return node.domain().isEmpty() && Set.of("LSTM", "GRU", "RNN").contains(node.opType());
    }

    /** The layer for {@code node}; {@code inputSize} is the previous layer's hidden size, or -1. */
    static RecurrentLayer convert(OnnxNode node, Constants constants, int inputSize, String source)
            throws ModelFormatException {
        return new RecurrentNodeImport(node, constants, source).convert(inputSize);
    }

    private RecurrentLayer convert(int expectedInput) throws ModelFormatException {
        CellKind cell = cell();
        checkCommon();
        checkInputs(cell);
        int gates = cell.gates();
        OnnxTensor w = weight(1, "W");
        OnnxTensor r = weight(2, "R");
        int hidden = dim(r, 2, "R");
        int input = dim(w, 2, "W");
        expectShape(r, "R", 1, (long) gates * hidden, hidden);
        expectShape(w, "W", 1, (long) gates * hidden, input);
        long declared = attrs.integer("hidden_size", hidden);
        if (declared != hidden) {
            throw attrs.fail("hidden_size", "= " + declared + " but R has shape " + r.shapeText());
        }
        if (expectedInput > 0 && input != expectedInput) {
            throw fail(
                    "W has shape "
                            + w.shapeText()
                            + ": the layer takes "
                            + input
                            + " inputs but the layer below has "
                            + expectedInput
                            + " hidden units");
        }
        int rows = gates * hidden;
        float[] b = new float[2 * rows];
        if (!node.input(3).isEmpty()) {
            OnnxTensor bt = weight(3, "B");
            expectShape(bt, "B", 1, 2L * rows);
            b = bt.floats(source, node.label() + " input B");
        }
        int[] from = GateOrder.onnxBlockOfTorch(cell);
        return RecurrentLayer.of(
                cell,
                input,
                hidden,
                GateOrder.permute(
                        w.floats(source, node.label() + " input W"), 0, hidden, input, from),
                GateOrder.permute(
                        r.floats(source, node.label() + " input R"), 0, hidden, hidden, from),
                GateOrder.permute(b, 0, hidden, 1, from),
                GateOrder.permute(b, rows, hidden, 1, from));
    }

    private CellKind cell() throws ModelFormatException {
        switch (node.opType()) {
            case "LSTM":
                attrs.allowOnly(union("input_forget"));
                activations(List.of("sigmoid", "tanh", "tanh"));
                if (attrs.integer("input_forget", 0) != 0) {
                    throw attrs.fail(
                            "input_forget",
                            "= 1 (coupled input and forget gates) is not supported");
                }
                return CellKind.LSTM;
            case "GRU":
                attrs.allowOnly(union("linear_before_reset"));
                activations(List.of("sigmoid", "tanh"));
                long lbr = attrs.integer("linear_before_reset", 0);
                if (lbr != 0 && lbr != 1) {
                    throw attrs.fail("linear_before_reset", "= " + lbr + "; expected 0 or 1");
                }
                return lbr == 1 ? CellKind.GRU : CellKind.GRU_CHO;
            default:
                attrs.allowOnly(COMMON);
                List<String> act = attrs.lowerStrings("activations");
                if (act == null || act.equals(List.of("tanh"))) {
                    return CellKind.RNN_TANH;
                }
                if (act.equals(List.of("relu"))) {
                    return CellKind.RNN_RELU;
                }
                throw attrs.fail("activations", "= " + act + "; an RNN runs Tanh or Relu");
        }
    }

    private static Set<String> union(String extra) {
        java.util.HashSet<String> s = new java.util.HashSet<>(COMMON);
        s.add(extra);
        return s;
    }

    private void activations(List<String> defaults) throws ModelFormatException {
        List<String> act = attrs.lowerStrings("activations");
        if (act != null && !act.equals(defaults)) {
            throw attrs.fail(
                    "activations",
                    "= " + act + "; only the defaults " + defaults + " are supported");
        }
    }

    private void checkCommon() throws ModelFormatException {
        String direction = attrs.string("direction", "forward");
        if (!direction.equals("forward")) {
            throw attrs.fail(
                    "direction", "= '" + direction + "'; only forward layers are supported");
        }
        if (attrs.has("clip")) {
            throw attrs.fail("clip", "is set; keyed-rnn's cells do not clip");
        }
        for (String a : new String[] {"activation_alpha", "activation_beta"}) {
            if (attrs.has(a)) {
                throw attrs.fail(a, "is set; only the default activations are supported");
            }
        }
        long layout = attrs.integer("layout", 0);
        if (layout != 0) {
            throw attrs.fail(
                    "layout", "= " + layout + "; only layout 0 (sequence first) is supported");
        }
    }

    private void checkInputs(CellKind cell) throws ModelFormatException {
        int max = cell == CellKind.LSTM ? 8 : 6;
        if (node.inputs().size() > max) {
            throw fail(
                    "has "
                            + node.inputs().size()
                            + " inputs; "
                            + node.opType()
                            + " takes at most "
                            + max);
        }
        if (!node.input(4).isEmpty()) {
            throw fail("input sequence_lens '" + node.input(4) + "' is not supported");
        }
        zeroOrState(5, "initial_h");
        if (cell == CellKind.LSTM) {
            zeroOrState(6, "initial_c");
            String p = node.input(7);
            if (!p.isEmpty()
                    && !(constants.contains(p)
                            && constants.allZero(p, node.label() + " input P"))) {
                throw fail("input P (peepholes) '" + p + "' is not supported");
            }
        }
    }

    /** An initial state is absent, computed from the graph's state inputs, or all zeros. */
    private void zeroOrState(int k, String what) throws ModelFormatException {
        String name = node.input(k);
        if (!name.isEmpty()
                && constants.contains(name)
                && !constants.allZero(name, node.label() + " input " + what)) {
            throw fail(
                    "input "
                            + what
                            + " '"
                            + name
                            + "' is a non-zero constant; keyed-rnn starts every key at zero state");
        }
    }

    private OnnxTensor weight(int k, String what) throws ModelFormatException {
        String name = node.input(k);
        if (name.isEmpty()) {
            throw fail("input " + what + " is missing");
        }
        OnnxTensor t = constants.get(name);
        if (t == null) {
            throw fail("input " + what + " '" + name + "' is not an initializer or Constant");
        }
        return t;
    }

    private int dim(OnnxTensor t, int axis, String what) throws ModelFormatException {
        if (t.dims().length != 3 || t.dims()[axis] < 1) {
            throw fail(what + " has shape " + t.shapeText() + "; expected [1, gates·hidden, size]");
        }
        return (int) t.dims()[axis];
    }

    private void expectShape(OnnxTensor t, String what, long... dims) throws ModelFormatException {
        if (!Arrays.equals(t.dims(), dims)) {
            String dirs =
                    t.dims().length > 0 && t.dims()[0] == 2
                            ? " (bidirectional weights are not supported)"
                            : "";
            throw fail(
                    what
                            + " has shape "
                            + t.shapeText()
                            + "; expected "
                            + Arrays.toString(dims)
                            + dirs);
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, node.label() + ": " + problem);
    }
}
