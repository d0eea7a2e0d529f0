package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OnnxEdits.attr;
import static io.keyedrnn.model.io.onnx.OnnxEdits.input;
import static io.keyedrnn.model.io.onnx.OnnxEdits.node;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.ModelFormatException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of the ONNX importer, on an otherwise valid export with one thing changed: the error
 * names the node (or tensor) and the attribute or input at fault.
 */
class OnnxImportRefusalTest {
    private static final OnnxModel LSTM =
            OnnxExporter.export(ExportFixtures.model(CellKind.LSTM, 3));
    private static final OnnxModel GRU = OnnxExporter.export(ExportFixtures.model(CellKind.GRU, 3));
    private static final OnnxModel RNN =
            OnnxExporter.export(ExportFixtures.model(CellKind.RNN_TANH, 3));
    private static final OnnxModel NORMALISED =
            OnnxExporter.export(ExportFixtures.model(CellKind.LSTM, 1));

    static void refused(OnnxModel m, String... fragments) {
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> Onnx.read(OnnxEncoder.encode(m), "edited.onnx"));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    static void refusedAttr(OnnxModel m, String nodeName, OnnxAttribute a, String... fragments) {
        UnaryOperator<OnnxNode> edit = n -> attr(n, a);
        String[] all = new String[fragments.length + 2];
        all[0] = "node '" + nodeName + "'";
        all[1] = "attribute " + a.name();
        System.arraycopy(fragments, 0, all, 2, fragments.length);
        refused(node(m, nodeName, edit), all);
    }

    @Test
    void theUnchangedExportImports() throws Exception {
        Onnx.read(OnnxEncoder.encode(LSTM), "x");
        Onnx.read(OnnxEncoder.encode(NORMALISED), "x");
    }

    @Test
    void reverseAndBidirectionalLayers() {
        refusedAttr(LSTM, "lstm_l1", OnnxEdits.stringAttr("direction", "reverse"), "reverse");
        refusedAttr(GRU, "gru_l0", OnnxEdits.stringAttr("direction", "bidirectional"));
    }

    @Test
    void nonDefaultActivations() {
        refusedAttr(
                LSTM,
                "lstm_l0",
                GraphBuilder.strings("activations", "Sigmoid", "Relu", "Tanh"),
                "relu");
        refusedAttr(GRU, "gru_l2", GraphBuilder.strings("activations", "HardSigmoid", "Tanh"));
        refusedAttr(RNN, "rnn_l0", GraphBuilder.strings("activations", "Sigmoid"), "sigmoid");
        refusedAttr(LSTM, "lstm_l0", OnnxEdits.floatAttr("activation_alpha", 0.5f));
        refusedAttr(LSTM, "lstm_l0", OnnxEdits.floatAttr("activation_beta", 0.5f));
    }

    @Test
    void clipInputForgetLayoutAndLinearBeforeReset() {
        refusedAttr(LSTM, "lstm_l2", OnnxEdits.floatAttr("clip", 3f), "clip");
        refusedAttr(LSTM, "lstm_l0", GraphBuilder.integer("input_forget", 1), "= 1");
        refusedAttr(GRU, "gru_l1", GraphBuilder.integer("layout", 1), "layout 0");
        refusedAttr(GRU, "gru_l0", GraphBuilder.integer("linear_before_reset", 2), "0 or 1");
    }

    @Test
    void unknownAttributesAndWrongAttributeTypes() {
        refusedAttr(LSTM, "lstm_l0", GraphBuilder.integer("peepholes", 1), "not supported");
        refusedAttr(LSTM, "lstm_l0", OnnxEdits.floatAttr("hidden_size", 4f), "attribute type");
        refusedAttr(LSTM, "lstm_l0", GraphBuilder.integer("hidden_size", 5), "R has shape");
        refusedAttr(GRU, "head", GraphBuilder.integer("transA", 1), "transA");
    }

    @Test
    void unknownOpOnThePredictionsPath() {
        refused(
                node(LSTM, "top_h", n -> OnnxEdits.op(n, "Relu", "")),
                "node 'top_h' (Relu)",
                "not an op keyed-rnn imports");
        refused(
                node(LSTM, "lstm_l1", n -> OnnxEdits.op(n, "LSTM", "com.example")),
                "node 'lstm_l1'",
                "domain 'com.example'");
    }

    @Test
    void badDtypesShapesAndMissingInitializers() {
        OnnxTensor w = LSTM.graph().initializers().get("W_l0");
        refused(
                OnnxEdits.initializer(
                        LSTM,
                        "W_l0",
                        new OnnxTensor("W_l0", 6, w.dims(), w.raw(), null, null, null)),
                "node 'lstm_l0'",
                "input W 'W_l0'",
                "data type 6");
        OnnxTensor b = LSTM.graph().initializers().get("B_l1");
        refused(
                OnnxEdits.initializer(
                        LSTM,
                        "B_l1",
                        new OnnxTensor("B_l1", 1, new long[] {2, 16}, b.raw(), null, null, null)),
                "node 'lstm_l1'",
                "B has shape [2, 16]");
        refused(
                OnnxEdits.initializer(LSTM, "R_l2", null),
                "node 'lstm_l2'",
                "input 'R_l2' is not a graph input, initializer or earlier node's output");
        refused(
                node(LSTM, "lstm_l2", n -> input(n, 2, "h_l0")),
                "node 'lstm_l2'",
                "input R 'h_l0' is not an initializer or Constant");
    }

    @Test
    void sequenceLengthsPeepholesAndConstantInitialState() {
        OnnxModel withLens =
                OnnxEdits.initializer(
                        LSTM, "lens", OnnxTensor.ofLongs("lens", new long[] {1}, new long[] {1}));
        refused(
                node(withLens, "lstm_l0", n -> input(n, 4, "lens")),
                "node 'lstm_l0'",
                "sequence_lens");
        float[] p = new float[12];
        p[3] = 0.5f;
        OnnxModel withP =
                OnnxEdits.initializer(LSTM, "P", OnnxTensor.ofFloats("P", new long[] {1, 12}, p));
        refused(node(withP, "lstm_l1", n -> input(n, 7, "P")), "node 'lstm_l1'", "input P");
        OnnxModel constH =
                OnnxEdits.initializer(
                        GRU,
                        "h_l1",
                        OnnxTensor.ofFloats(
                                "h_l1", new long[] {1, 1, 4}, new float[] {0, 1, 0, 0}));
        refused(constH, "node 'gru_l1'", "initial_h 'h_l1' is a non-zero constant");
    }

    @Test
    void namesNoNodeDefinesOrTwoNodesDefine() {
        // A node off the prediction's path still has to be a valid node: ONNX Runtime refuses
        // the graph otherwise, so the import must too.
        OnnxNode dangling =
                new OnnxNode("side", "Relu", "", List.of("nowhere"), List.of("side_out"), Map.of());
        refused(
                OnnxEdits.addNode(LSTM, dangling),
                "node 'side' (Relu): input 'nowhere' is not a graph input");
        OnnxNode twice =
                new OnnxNode("again", "Relu", "", List.of("h_l0"), List.of("x_seq"), Map.of());
        refused(
                OnnxEdits.addNode(LSTM, twice),
                "node 'again'",
                "output 'x_seq' is already defined");
    }

    @Test
    void opsetBelow7() {
        refused(OnnxEdits.opset(LSTM, 6), "opset 6");
    }

    @Test
    void normaliserWithZeroStdOrAMismatchedDenormalisation() {
        refused(
                OnnxEdits.initializer(
                        NORMALISED,
                        "norm_std",
                        OnnxTensor.ofFloats("norm_std", new long[] {3}, new float[] {1, 0, 1})),
                "node 'normalise_scale' (Div)",
                "std 0");
        OnnxModel other =
                OnnxEdits.initializer(
                        NORMALISED,
                        "other",
                        OnnxTensor.ofFloats("other", new long[] {3}, new float[] {1, 2, 3}));
        refused(
                node(other, "denormalise_scale", n -> input(n, 1, "other")),
                "denormalisation is not the inverse of node 'normalise_centre'");
        refused(
                node(NORMALISED, "denormalise_shift", n -> OnnxEdits.op(n, "Sub", "")),
                "not an op keyed-rnn imports");
    }
}
