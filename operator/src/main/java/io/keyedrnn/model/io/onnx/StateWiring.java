package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that the graph carries each layer's state the way a stateless runtime steps it: state
 * input p (graph inputs after the features) is fed from state output p (graph outputs after the
 * prediction), so layer k's initial_h (initial_c) must read its own slot of a state input, whole or
 * as row k through {@code Slice} / {@code Split}, and its Y_h (Y_c) must reach the same slot of the
 * paired output, whole or through {@code Concat} on axis 0. Anything else would import as a
 * standard stack that the graph does not compute from the second event on.
 *
 * <p>A graph with no state inputs, whose layers all start from zeros, is a sequence model: keyed-
 * rnn carries its state itself.
 */
final class StateWiring {
    private static final Set<String> VIEWS = Set.of("Squeeze", "Unsqueeze", "Identity");
    private static final String[] STATES = {"initial_h", "initial_c"};

    /** One row of a state tensor: state input or output {@code port}, row {@code row}. */
    private record Slot(int port, int row) {}

    /** What fills a state output's row: layer {@code layer}'s h (0) or c (1). */
    private record Fill(int layer, int kind) {}

    private final OnnxGraph graph;
    private final Constants constants;
    private final String source;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final List<String> stateInputs = new ArrayList<>();
    private final Map<String, Integer> inputPort = new HashMap<>();

    private StateWiring(OnnxGraph graph, Constants constants, String features, String source) {
        this.graph = graph;
        this.constants = constants;
        this.source = source;
        for (OnnxNode n : graph.nodes()) {
            n.outputs().forEach(o -> producers.put(o, n));
        }
        for (OnnxGraph.ValueInfo in : graph.inputs()) {
            if (!constants.contains(in.name()) && !in.name().equals(features)) {
                inputPort.put(in.name(), stateInputs.size());
                stateInputs.add(in.name());
            }
        }
    }

    /** Refuses a graph whose recurrent {@code nodes} (layer order) do not loop their state. */
    static void check(
            OnnxGraph graph, Constants c, String features, List<OnnxNode> nodes, String src)
            throws ModelFormatException {
        new StateWiring(graph, c, features, src).check(nodes);
    }

    private void check(List<OnnxNode> nodes) throws ModelFormatException {
        List<Slot> reads = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            OnnxNode node = nodes.get(k);
            int kinds = node.opType().equals("LSTM") ? 2 : 1;
            for (int s = 0; s < kinds; s++) {
                reads.add(initial(node, s));
                fills.add(new Fill(k, s));
            }
        }
        if (stateInputs.isEmpty() && reads.stream().allMatch(r -> r == null)) {
            return;
        }
        List<List<Fill>> outs = stateOutputs(nodes);
        if (outs.size() != stateInputs.size()) {
            throw fail(
                    "the graph has "
                            + stateInputs.size()
                            + " state inputs but "
                            + outs.size()
                            + " state outputs; each state input is fed from the output at its"
                            + " position");
        }
        for (int i = 0; i < reads.size(); i++) {
            matches(nodes.get(fills.get(i).layer()), fills.get(i), reads.get(i), outs);
        }
        int rows = outs.stream().mapToInt(List::size).sum();
        if (rows != reads.size()) {
            throw fail("the state outputs hold " + rows + " rows for " + reads.size() + " states");
        }
        for (int p = 0; p < outs.size(); p++) {
            checkRows(stateInputs.get(p), outs.get(p).size());
        }
    }

    /** Layer {@code f}'s state is read from {@code read} and written to the same slot. */
    private void matches(OnnxNode node, Fill f, Slot read, List<List<Fill>> outs)
            throws ModelFormatException {
        String what = "input " + STATES[f.kind()] + " '" + node.input(5 + f.kind()) + "'";
        if (read == null) {
            throw fail(
                    node.label()
                            + ": "
                            + what
                            + " is absent or zero, but the graph carries state through its inputs");
        }
        List<Fill> out = outs.get(read.port());
        if (read.row() >= out.size() || !f.equals(out.get(read.row()))) {
            String y = f.kind() == 0 ? "Y_h" : "Y_c";
            throw fail(
                    node.label()
                            + ": "
                            + what
                            + " reads row "
                            + read.row()
                            + " of state input '"
                            + stateInputs.get(read.port())
                            + "', but that row of state output '"
                            + graph.outputs().get(read.port() + 1).name()
                            + "' is not layer "
                            + f.layer()
                            + "'s "
                            + y);
        }
    }

    private void checkRows(String input, int rows) throws ModelFormatException {
        for (OnnxGraph.ValueInfo in : graph.inputs()) {
            long[] d = in.dims();
            if (in.name().equals(input) && d != null && d.length > 0 && d[0] >= 0 && d[0] != rows) {
                throw fail(
                        "state input '"
                                + input
                                + "' declares "
                                + d[0]
                                + " rows on axis 0 but the graph reads and writes "
                                + rows);
            }
        }
    }

    /** The slot layer {@code node}'s state {@code kind} starts from; null when absent or zero. */
    private Slot initial(OnnxNode node, int kind) throws ModelFormatException {
        String name = view(node.input(5 + kind));
        String what = node.label() + ": input " + STATES[kind] + " '" + node.input(5 + kind) + "'";
        if (name.isEmpty() || constants.contains(name)) {
            return null; // RecurrentNodeImport refused a non-zero constant
        }
        if (inputPort.containsKey(name)) {
            return new Slot(inputPort.get(name), 0);
        }
        OnnxNode p = producers.get(name);
        if (p != null && p.opType().equals("Slice")) {
            return sliced(p, what);
        }
        if (p != null && p.opType().equals("Split")) {
            return split(p, p.outputs().indexOf(name), what);
        }
        throw fail(what + " is not a graph state input, nor one row of one by Slice or Split");
    }

    private Slot sliced(OnnxNode slice, String what) throws ModelFormatException {
        long[] starts = longs(slice, 1);
        long[] ends = longs(slice, 2);
        long[] axes = slice.input(3).isEmpty() ? new long[] {0} : longs(slice, 3);
        long[] steps = slice.input(4).isEmpty() ? new long[] {1} : longs(slice, 4);
        boolean row =
                slice.attributes().isEmpty()
                        && starts != null
                        && ends != null
                        && axes != null
                        && steps != null
                        && starts.length == 1
                        && ends.length == 1
                        && axes.length == 1
                        && steps.length == 1
                        && axes[0] == 0
                        && steps[0] == 1
                        && starts[0] >= 0
                        && ends[0] == starts[0] + 1;
        if (!row || starts[0] > Integer.MAX_VALUE) {
            throw fail(what + ": " + slice.label() + " does not take one row [k, k+1) of axis 0");
        }
        return new Slot(port(slice, what), (int) starts[0]);
    }

    private Slot split(OnnxNode split, int row, String what) throws ModelFormatException {
        long axis = new NodeAttributes(split, source).integer("axis", 0);
        long[] sizes = split.input(1).isEmpty() ? null : longs(split, 1);
        boolean ones = sizes != null && java.util.Arrays.stream(sizes).allMatch(v -> v == 1);
        boolean equal = split.input(1).isEmpty() && !split.attributes().containsKey("split");
        if (axis != 0
                || !(ones || equal)
                || !Set.of("axis").containsAll(split.attributes().keySet())) {
            throw fail(what + ": " + split.label() + " does not split axis 0 into rows");
        }
        // An equal split into n pieces gives rows only if the input has n rows: checkRows.
        return new Slot(port(split, what), row);
    }

    /** The state input that {@code node} (Slice or Split) reads. */
    private int port(OnnxNode node, String what) throws ModelFormatException {
        Integer p = inputPort.get(node.input(0));
        if (p == null) {
            throw fail(what + ": " + node.label() + " does not read a graph state input");
        }
        return p;
    }

    private long[] longs(OnnxNode node, int k) throws ModelFormatException {
        OnnxTensor t = constants.get(node.input(k));
        return t == null ? null : t.longs(source, node.label() + " input " + k);
    }

    /** What fills each row of each state output. */
    private List<List<Fill>> stateOutputs(List<OnnxNode> nodes) throws ModelFormatException {
        List<List<Fill>> outs = new ArrayList<>();
        for (int p = 1; p < graph.outputs().size(); p++) {
            String name = view(graph.outputs().get(p).name());
            OnnxNode prod = producers.get(name);
            List<Fill> rows = new ArrayList<>();
            if (prod != null
                    && prod.opType().equals("Concat")
                    && new NodeAttributes(prod, source).integer("axis", 0) == 0) {
                for (String in : prod.inputs()) {
                    rows.add(fill(nodes, view(in)));
                }
            } else {
                rows.add(fill(nodes, name));
            }
            outs.add(rows);
        }
        return outs;
    }

    /** Which layer's state {@code name} is (Y or Y_h: h; Y_c: c), or null. */
    private static Fill fill(List<OnnxNode> nodes, String name) {
        for (int k = 0; k < nodes.size(); k++) {
            int out = nodes.get(k).outputs().indexOf(name);
            if (out >= 0 && !name.isEmpty()) {
                return new Fill(k, out == 2 ? 1 : 0);
            }
        }
        return null;
    }

    /** {@code name} with Squeeze, Unsqueeze and Identity nodes stepped back over. */
    private String view(String name) {
        OnnxNode p = producers.get(name);
        while (p != null && VIEWS.contains(p.opType()) && !p.input(0).isEmpty()) {
            name = p.input(0);
            p = producers.get(name);
        }
        return name;
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
