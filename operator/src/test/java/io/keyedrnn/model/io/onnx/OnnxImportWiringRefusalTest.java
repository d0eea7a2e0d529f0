package io.keyedrnn.model.io.onnx;

import static io.keyedrnn.model.io.onnx.OnnxEdits.input;
import static io.keyedrnn.model.io.onnx.OnnxEdits.node;
import static io.keyedrnn.model.io.onnx.OnnxImportRefusalTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.CellKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Graphs ONNX Runtime runs whose state does not loop layer by layer (each would import as a
 * standard stack and predict otherwise from a key's second event on): the importer refuses them,
 * naming the recurrent node and its state input.
 */
class OnnxImportWiringRefusalTest {
    private static final OnnxModel LSTM =
            OnnxExporter.export(ExportFixtures.model(CellKind.LSTM, 3));
    private static final OnnxModel GRU = OnnxExporter.export(ExportFixtures.model(CellKind.GRU, 3));

    private static OnnxModel torch(String name) throws IOException {
        try (InputStream in =
                OnnxImportWiringRefusalTest.class.getResourceAsStream("/onnx/" + name + ".onnx")) {
            return OnnxParser.parse(in.readAllBytes(), name);
        }
    }

    @Test
    void theUnchangedFilesImport() throws Exception {
        Onnx.read(OnnxEncoder.encode(LSTM), "x");
        Onnx.read(OnnxEncoder.encode(torch("torch_lstm_l2_h4_i3")), "x");
    }

    @Test
    void layersThatStartFromEachOthersState() throws Exception {
        OnnxModel swapped = node(LSTM, "lstm_l0", n -> input(n, 5, "h_l1"));
        swapped = node(swapped, "lstm_l1", n -> input(n, 5, "h_l0"));
        refusedRunnable(
                swapped,
                "node 'lstm_l0' (LSTM): input initial_h 'h_l1' reads row 0 of state input 'h_l1'",
                "not layer 0's Y_h");
        refusedRunnable(
                node(LSTM, "lstm_l2", n -> input(n, 6, "h_l2")),
                "node 'lstm_l2' (LSTM): input initial_c 'h_l2'");
    }

    @Test
    void aSliceOfTheStackedStateAtTheWrongRow() throws Exception {
        // Layer 1's h0 slice takes the constants of layer 0's: row 0 of h0, not row 1.
        OnnxModel m = torch("torch_lstm_l2_h4_i3");
        OnnxNode first = find(m, "/rnn/Slice");
        OnnxModel wrong =
                node(m, "/rnn/Slice_2", n -> input(input(n, 1, first.input(1)), 2, first.input(2)));
        refusedRunnable(
                wrong,
                "node '/rnn/LSTM_1' (LSTM): input initial_h '/rnn/Slice_2_output_0' reads row 0"
                        + " of state input 'h0'",
                "not layer 1's Y_h");
        OnnxModel twoRows = node(m, "/rnn/Slice_2", n -> input(n, 1, first.input(1)));
        refused(twoRows, "node '/rnn/Slice_2' (Slice) does not take one row [k, k+1) of axis 0");
    }

    @Test
    void aSplitOfTheStackedStateInLayerOrderMatchesTheRuntimeOutOfOrderIsRefused()
            throws Exception {
        OnnxModel m = torch("torch_gru_l3_h5_i2");
        List<String> rows = List.of("row0", "row1", "row2");
        byte[] bytes = OnnxEncoder.encode(splitState(m, rows));
        // In layer order the graph is the torch one: keyed-rnn predicts what ONNX Runtime does.
        RuntimeOracle oracle = new RuntimeOracle();
        oracle.check(bytes, Onnx.read(bytes, "split"), new SplittableRandom(5), "split");
        assertEquals(1, oracle.compared(), oracle.toString());
        refusedRunnable(
                splitState(m, List.of("row1", "row0", "row2")),
                "node '/rnn/GRU' (GRU): input initial_h 'row1' reads row 1 of state input 'h0'");
    }

    /** {@code m} with h0 cut into rows by one Split, layer k starting from {@code rows[k]}. */
    private static OnnxModel splitState(OnnxModel m, List<String> rows) {
        List<String> outs = List.of("row0", "row1", "row2");
        List<OnnxNode> nodes = new ArrayList<>();
        nodes.add(new OnnxNode("split_h0", "Split", "", List.of("h0"), outs, Map.of()));
        int k = 0;
        for (OnnxNode n : m.graph().nodes()) {
            nodes.add(n.opType().equals("GRU") ? input(n, 5, rows.get(k++)) : n);
        }
        OnnxGraph g = m.graph();
        OnnxGraph edited =
                new OnnxGraph(g.name(), nodes, g.initializers(), g.inputs(), g.outputs());
        return new OnnxModel(
                m.irVersion(),
                m.producerName(),
                m.producerVersion(),
                m.docString(),
                m.opsets(),
                m.metadataProps(),
                edited);
    }

    @Test
    void stateOutputsInTheWrongOrderOrNotTheNewState() throws Exception {
        OnnxModel m = torch("torch_gru_l3_h5_i2");
        OnnxModel reordered =
                node(m, "/rnn/Concat", n -> input(input(n, 0, n.input(1)), 1, n.input(0)));
        refusedRunnable(reordered, "node '/rnn/GRU' (GRU): input initial_h", "not layer 0's Y_h");
        // h_l1_out passes the old state through: layer 1's new state goes nowhere.
        OnnxModel unwired = node(GRU, "gru_l1", n -> output(n, 1, "gru_l1_h"));
        unwired = node(unwired, "gru_l2", n -> input(n, 0, "gru_l1_h"));
        unwired =
                OnnxEdits.addNode(
                        unwired,
                        new OnnxNode(
                                "pass",
                                "Identity",
                                "",
                                List.of("h_l1"),
                                List.of("h_l1_out"),
                                Map.of()));
        refusedRunnable(
                unwired,
                "node 'gru_l1' (GRU): input initial_h 'h_l1' reads row 0 of state input 'h_l1',"
                        + " but that row of state output 'h_l1_out' is not layer 1's Y_h");
    }

    @Test
    void aStateInputWithoutItsOutputOrALayerWithoutState() throws Exception {
        OnnxModel zero = node(GRU, "gru_l2", n -> input(n, 5, ""));
        refusedRunnable(zero, "node 'gru_l2' (GRU): input initial_h ''", "absent or zero");
    }

    /** Refused although ONNX Runtime runs it over two steps of a key: a model, not garbage. */
    private static void refusedRunnable(OnnxModel m, String... fragments) throws Exception {
        long[] dims = m.graph().inputs().get(0).dims();
        float[] x = new float[(int) dims[dims.length - 1]];
        java.util.Arrays.fill(x, 0.5f);
        try (OrtStepper ort = new OrtStepper(OnnxEncoder.encode(m))) {
            Map<String, float[]> state = new HashMap<>();
            ort.step(x, 0, state);
            ort.step(x, 0, state);
        }
        refused(m, fragments);
    }

    private static OnnxNode find(OnnxModel m, String name) {
        return m.graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().get();
    }

    private static OnnxNode output(OnnxNode n, int k, String name) {
        List<String> out = new ArrayList<>(n.outputs());
        out.set(k, name);
        return new OnnxNode(n.name(), n.opType(), n.domain(), n.inputs(), out, n.attributes());
    }
}
