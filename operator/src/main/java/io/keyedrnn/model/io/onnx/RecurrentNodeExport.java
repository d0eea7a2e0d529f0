package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one keyed-rnn layer as an ONNX {@code LSTM}, {@code GRU} or {@code RNN} node: gates
 * reordered from PyTorch's layout to ONNX's, {@code B = [bias_ih, bias_hh]}, the key's state as
 * graph inputs {@code h_l{k}} ({@code c_l{k}}) and the new state as outputs {@code h_l{k}_out}
 * ({@code c_l{k}_out}), each [1, batch, hidden].
 */
final class RecurrentNodeExport {
    private RecurrentNodeExport() {}

    /** Adds layer {@code k} reading {@code x} ([1, batch, input]); returns its new h's name. */
    static String layer(GraphBuilder g, int k, RecurrentLayer layer, String x) {
        CellKind cell = layer.kind();
        int hidden = layer.hiddenSize();
        int input = layer.inputSize();
        int rows = cell.gates() * hidden;
        int[] from = GateOrder.torchBlockOfOnnx(cell);
        float[] bias = new float[2 * rows];
        System.arraycopy(GateOrder.permute(layer.biasIh(), 0, hidden, 1, from), 0, bias, 0, rows);
        System.arraycopy(
                GateOrder.permute(layer.biasHh(), 0, hidden, 1, from), 0, bias, rows, rows);
        List<String> in = new ArrayList<>();
        in.add(x);
        in.add(
                g.floats(
                        "W_l" + k,
                        GateOrder.permute(layer.weightIh(), 0, hidden, input, from),
                        1,
                        rows,
                        input));
        in.add(
                g.floats(
                        "R_l" + k,
                        GateOrder.permute(layer.weightHh(), 0, hidden, hidden, from),
                        1,
                        rows,
                        hidden));
        in.add(g.floats("B_l" + k, bias, 1, 2L * rows));
        in.add(""); // sequence_lens: one step, every batch row
        List<String> out = new ArrayList<>();
        out.add(""); // Y: the same values as Y_h for one step
        state(g, "h_l" + k, hidden, in, out);
        if (cell.hasCellState()) {
            state(g, "c_l" + k, hidden, in, out);
        }
        String op = op(cell);
        g.node(op, op.toLowerCase(java.util.Locale.ROOT) + "_l" + k, in, out, attributes(layer));
        return out.get(1);
    }

    private static void state(
            GraphBuilder g, String name, int hidden, List<String> in, List<String> out) {
        g.input(name, 1, -1, hidden);
        g.output(name + "_out", 1, -1, hidden);
        in.add(name);
        out.add(name + "_out");
    }

    private static String op(CellKind cell) {
        return switch (cell) {
            case LSTM -> "LSTM";
            case GRU, GRU_CHO -> "GRU";
            case RNN_TANH, RNN_RELU -> "RNN";
        };
    }

    private static OnnxAttribute[] attributes(RecurrentLayer layer) {
        OnnxAttribute size = GraphBuilder.integer("hidden_size", layer.hiddenSize());
        return switch (layer.kind()) {
            case LSTM -> new OnnxAttribute[] {size};
            case GRU -> new OnnxAttribute[] {size, GraphBuilder.integer("linear_before_reset", 1)};
            case GRU_CHO ->
                    new OnnxAttribute[] {size, GraphBuilder.integer("linear_before_reset", 0)};
            case RNN_TANH ->
                    new OnnxAttribute[] {size, GraphBuilder.strings("activations", "Tanh")};
            case RNN_RELU ->
                    new OnnxAttribute[] {size, GraphBuilder.strings("activations", "Relu")};
        };
    }
}
