package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.ModelFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a keyed-rnn network in an ONNX graph: a chain from the features input through stacked
 * recurrent nodes to an optional linear head whose output is the graph's first output.
 *
 * <p>Tensors on the chain are tracked by what they hold: the features, layer k's h (a node's Y or
 * Y_h, also through Squeeze, Unsqueeze or Identity, which only add or drop axes of size 1 when one
 * event is stepped), or the head's output. Any other op that reads a chain tensor breaks the chain,
 * so a graph that computes its prediction some other way is refused, never approximated.
 */
final class OnnxImporter {
    private static final Set<String> VIEWS = Set.of("Squeeze", "Unsqueeze", "Identity");

    /** What a chain tensor holds: the features (layer -1), h of a layer, or the head's output. */
    private record Value(int layer, boolean head, boolean headHasBias) {}

    private final OnnxGraph graph;
    private final Constants constants;
    private final String source;
    private final Map<String, Value> chain = new HashMap<>();
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final HeadImport head;
    private String features;

    private OnnxImporter(OnnxGraph graph, String source) throws ModelFormatException {
        this.graph = graph;
        this.source = source;
        this.constants = Constants.of(graph, source);
        this.head = new HeadImport(constants, source);
    }

    static RecurrentNetwork network(OnnxModel model, String source) throws ModelFormatException {
        checkOpset(model, source);
        return new OnnxImporter(model.graph(), source).network();
    }

    private static void checkOpset(OnnxModel model, String source) throws ModelFormatException {
        Long v = model.opsets().getOrDefault("", model.opsets().get("ai.onnx"));
        if (v == null || v < 7) {
            throw new ModelFormatException(
                    source, "the model imports ONNX opset " + v + "; version 7 or later is needed");
        }
    }

    private RecurrentNetwork network() throws ModelFormatException {
        for (OnnxGraph.ValueInfo in : graph.inputs()) {
            if (!constants.contains(in.name()) && features == null) {
                features = in.name();
                checkFloat(in, "input");
                chain.put(in.name(), new Value(-1, false, false));
            }
        }
        if (features == null) {
            throw fail("the graph has no input for the features");
        }
        for (OnnxNode node : graph.nodes()) {
            visit(node);
        }
        if (layers.isEmpty()) {
            throw fail("no LSTM, GRU or RNN node reads the graph's input '" + features + "'");
        }
        return assemble();
    }

    private void visit(OnnxNode node) throws ModelFormatException {
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw fail(node.label() + ": domain '" + node.domain() + "' is not ONNX's own");
        }
        if (Constants.isConstant(node)) {
            return;
        }
        if (RecurrentNodeImport.isRecurrent(node)) {
            recurrent(node);
        } else if (VIEWS.contains(node.opType()) && chain.containsKey(node.input(0))) {
            define(node, node.output(0), chain.get(node.input(0)));
        } else if (head.isHeadOp(node) && readsChain(node)) {
            Value in = chainOperand(node);
            boolean bias = head.visit(node, in.head(), in.headHasBias(), topHidden(in));
            define(node, node.output(0), new Value(in.layer(), true, bias));
        }
        // Any other node only matters if the prediction depends on it; see assemble().
    }

    private void recurrent(OnnxNode node) throws ModelFormatException {
        Value x = chain.get(node.input(0));
        int k = layers.size();
        if (x == null || x.head() || x.layer() != k - 1) {
            String expected =
                    k == 0
                            ? "the graph input '" + features + "'"
                            : "layer " + (k - 1) + "'s output";
            throw fail(
                    node.label()
                            + ": input X '"
                            + node.input(0)
                            + "' is not "
                            + expected
                            + "; only a plain stack of recurrent layers is supported");
        }
        RecurrentLayer layer =
                RecurrentNodeImport.convert(
                        node, constants, k == 0 ? -1 : layers.get(k - 1).hiddenSize(), source);
        if (k > 0 && layer.kind() != layers.get(0).kind()) {
            throw fail(
                    node.label()
                            + ": layer "
                            + k
                            + " is "
                            + layer.kind().id()
                            + " but layer 0 is "
                            + layers.get(0).kind().id()
                            + "; a keyed-rnn model has one cell kind");
        }
        layers.add(layer);
        define(node, node.output(0), new Value(k, false, false));
        define(node, node.output(1), new Value(k, false, false));
    }

    private int topHidden(Value in) throws ModelFormatException {
        if (in.layer() < 0) {
            throw fail("the head reads the graph input directly, not a recurrent layer");
        }
        return layers.get(in.layer()).hiddenSize();
    }

    private boolean readsChain(OnnxNode node) {
        return node.inputs().stream().anyMatch(chain::containsKey);
    }

    private Value chainOperand(OnnxNode node) throws ModelFormatException {
        Value found = null;
        for (String in : node.inputs()) {
            Value v = chain.get(in);
            if (v != null && found != null) {
                throw fail(node.label() + ": reads two recurrent outputs");
            }
            found = v == null ? found : v;
        }
        return found;
    }

    private void define(OnnxNode node, String name, Value v) throws ModelFormatException {
        if (name.isEmpty() || v == null) {
            return;
        }
        if (chain.containsKey(name) || constants.contains(name)) {
            throw fail(node.label() + ": output '" + name + "' is already defined");
        }
        chain.put(name, v);
    }

    private RecurrentNetwork assemble() throws ModelFormatException {
        if (graph.outputs().isEmpty()) {
            throw fail("the graph has no outputs");
        }
        OnnxGraph.ValueInfo first = graph.outputs().get(0);
        Value pred = chain.get(first.name());
        int top = layers.size() - 1;
        if (pred == null || pred.layer() != top) {
            throw fail(
                    "the graph's first output '"
                            + first.name()
                            + "' is not the top layer's h "
                            + "or a linear head on it; it is computed by ops keyed-rnn does not import");
        }
        checkFloat(first, "output");
        Linear linear = pred.head() ? head.linear(layers.get(top).hiddenSize()) : null;
        try {
            return new RecurrentNetwork(layers, null, linear, false);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private void checkFloat(OnnxGraph.ValueInfo v, String what) throws ModelFormatException {
        if (v.elemType() != 0 && v.elemType() != OnnxFields.TensorF.FLOAT) {
            throw fail(
                    "graph "
                            + what
                            + " '"
                            + v.name()
                            + "' has element type "
                            + v.elemType()
                            + "; expected FLOAT (1)");
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
