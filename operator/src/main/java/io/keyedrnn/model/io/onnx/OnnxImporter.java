package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.model.io.onnx.ChainValue.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a keyed-rnn network in an ONNX graph: a chain from the features input (optionally
 * normalised by Sub and Div) or the token ids input (looked up in an embedding by Gather) through
 * stacked recurrent nodes to an optional linear head (optionally followed by Softmax, optionally
 * denormalised by Mul and Add) whose output is the graph's first output.
 *
 * <p>Tensors on the chain are tracked by what they hold: the features, layer k's h (a node's Y or
 * Y_h, also through Squeeze, Unsqueeze or Identity, which only add or drop axes of size 1 when one
 * event is stepped), or the head's output. Any other op that reads a chain tensor breaks the chain,
 * so a graph that computes its prediction some other way is refused, never approximated. How the
 * layers' state enters and leaves the graph is checked by {@link StateWiring}.
 */
final class OnnxImporter {
    private static final Set<String> VIEWS = Set.of("Squeeze", "Unsqueeze", "Identity");

    /** What layer 0 may read: the features, them normalised, or the token ids' embedding. */
    private static final Set<Stage> LAYER0_INPUTS =
            java.util.EnumSet.of(Stage.FEATURES, Stage.NORMALISED, Stage.EMBEDDED);

    /** Ops that may continue the chain: normaliser, embedding, head, softmax and denormaliser. */
    private static final Set<String> CHAIN_OPS =
            Set.of("Sub", "Div", "Mul", "Add", "Gemm", "MatMul", "Gather", "Softmax");

    /** What a network and its normaliser the graph holds. */
    record Imported(RecurrentNetwork network, Normalizer normalizer) {}

    private final OnnxGraph graph;
    private final Constants constants;
    private final String source;
    private final Map<String, ChainValue> chain = new HashMap<>();
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final List<OnnxNode> recurrentNodes = new ArrayList<>();
    private final HeadImport head;
    private final NormaliserImport normaliser;
    private final CategoricalImport categorical;
    private final long opset;
    private String features;
    private boolean layer0Normalised;
    private OnnxNode unimported;

    private OnnxImporter(OnnxGraph graph, long opset, String source) throws ModelFormatException {
        this.graph = graph;
        this.opset = opset;
        this.source = source;
        this.constants = Constants.of(graph, source);
        this.head = new HeadImport(constants, source);
        this.normaliser = new NormaliserImport(constants, source);
        this.categorical = new CategoricalImport(constants, source);
    }

    static Imported network(OnnxModel model, String source) throws ModelFormatException {
        return new OnnxImporter(model.graph(), opset(model, source), source).network();
    }

    private static long opset(OnnxModel model, String source) throws ModelFormatException {
        Long v = model.opsets().getOrDefault("", model.opsets().get("ai.onnx"));
        if (v == null || v < 7) {
            throw new ModelFormatException(
                    source, "the model imports ONNX opset " + v + "; version 7 or later is needed");
        }
        return v;
    }

    private Imported network() throws ModelFormatException {
        GraphNames.check(graph, source);
        for (OnnxGraph.ValueInfo in : graph.inputs()) {
            if (!constants.contains(in.name()) && features == null) {
                features = in.name();
                boolean ids = isInteger(in);
                if (!ids) {
                    checkFloat(in, "input");
                }
                chain.put(in.name(), new ChainValue(-1, ids ? Stage.TOKENS : Stage.FEATURES));
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
        } else if (readsChain(node)) {
            ChainValue next =
                    CHAIN_OPS.contains(node.opType()) ? step(node, chainOperand(node)) : null;
            if (next != null) {
                define(node, node.output(0), next);
            } else if (unimported == null) {
                unimported = node;
            }
        }
        // A node that reads no chain tensor only matters if the prediction depends on it; see
        // assemble().
    }

    /** The value a non-recurrent node makes from chain value {@code in}, or null: not imported. */
    private ChainValue step(OnnxNode node, ChainValue in) throws ModelFormatException {
        String op = node.opType();
        Stage s = in.stage();
        if (op.equals("Sub") && s == Stage.FEATURES && chain.containsKey(node.input(0))) {
            normaliser.centre(node);
            return new ChainValue(-1, Stage.CENTRED);
        }
        if (op.equals("Div") && s == Stage.CENTRED && chain.containsKey(node.input(0))) {
            normaliser.scale(node);
            return new ChainValue(-1, Stage.NORMALISED);
        }
        if (op.equals("Gather")
                && s == Stage.TOKENS
                && chain.containsKey(node.input(1))
                && !chain.containsKey(node.input(0))) {
            categorical.gather(node);
            return new ChainValue(-1, Stage.EMBEDDED);
        }
        if (op.equals("Softmax") && in.headed() && (s == Stage.HEAD || s == Stage.HEAD_BIASED)) {
            categorical.softmax(node, opset);
            return in.next(Stage.PROBABILITIES);
        }
        if (op.equals("Mul") && (in.onTop() || s == Stage.PROBABILITIES)) {
            normaliser.outputScale(node);
            return in.next(Stage.SCALED);
        }
        if (op.equals("Add") && s == Stage.SCALED) {
            normaliser.outputShift(node);
            return in.next(Stage.DENORMALISED);
        }
        if (head.isHeadOp(node) && (in.layer() < 0 || in.onTop())) {
            boolean onHead = s != Stage.H;
            boolean bias = head.visit(node, onHead, s == Stage.HEAD_BIASED, topHidden(in));
            return new ChainValue(in.layer(), bias ? Stage.HEAD_BIASED : Stage.HEAD, true, false);
        }
        return null;
    }

    private void recurrent(OnnxNode node) throws ModelFormatException {
        ChainValue x = chain.get(node.input(0));
        int k = layers.size();
        boolean ok =
                x != null
                        && x.layer() == k - 1
                        && (k == 0 ? LAYER0_INPUTS.contains(x.stage()) : x.stage() == Stage.H);
        if (!ok) {
            String expected =
                    k == 0
                            ? "the graph input '"
                                    + features
                                    + "' (normalised, or its token ids' embedding)"
                            : "layer " + (k - 1) + "'s output";
            throw fail(
                    node.label()
                            + ": input X '"
                            + node.input(0)
                            + "' is not "
                            + expected
                            + "; only a plain stack of recurrent layers is supported");
        }
        layer0Normalised |= k == 0 && x.stage() == Stage.NORMALISED;
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
        if (k == 0 && x.stage() == Stage.EMBEDDED && layer.inputSize() != categorical.dimension()) {
            throw fail(
                    node.label()
                            + ": W takes "
                            + layer.inputSize()
                            + " inputs but "
                            + categorical.gatherLabel()
                            + " gives embedding rows of "
                            + categorical.dimension());
        }
        layers.add(layer);
        recurrentNodes.add(node);
        define(node, node.output(0), new ChainValue(k, Stage.H));
        define(node, node.output(1), new ChainValue(k, Stage.H));
    }

    private int topHidden(ChainValue in) throws ModelFormatException {
        if (in.layer() < 0) {
            throw fail("the head reads the graph input directly, not a recurrent layer");
        }
        return layers.get(in.layer()).hiddenSize();
    }

    private boolean readsChain(OnnxNode node) {
        return node.inputs().stream().anyMatch(chain::containsKey);
    }

    private ChainValue chainOperand(OnnxNode node) throws ModelFormatException {
        ChainValue found = null;
        for (String in : node.inputs()) {
            ChainValue v = chain.get(in);
            if (v != null && found != null) {
                throw fail(node.label() + ": reads two recurrent outputs");
            }
            found = v == null ? found : v;
        }
        return found;
    }

    private void define(OnnxNode node, String name, ChainValue v) throws ModelFormatException {
        if (name.isEmpty() || v == null) {
            return;
        }
        if (chain.containsKey(name) || constants.contains(name)) {
            throw fail(node.label() + ": output '" + name + "' is already defined");
        }
        chain.put(name, v);
    }

    private Imported assemble() throws ModelFormatException {
        if (graph.outputs().isEmpty()) {
            throw fail("the graph has no outputs");
        }
        OnnxGraph.ValueInfo first = graph.outputs().get(0);
        ChainValue pred = chain.get(first.name());
        int top = layers.size() - 1;
        if (pred == null
                || pred.layer() != top
                || !(pred.onTop()
                        || pred.stage() == Stage.PROBABILITIES
                        || pred.stage() == Stage.DENORMALISED)) {
            String culprit =
                    unimported == null
                            ? ""
                            : "; "
                                    + unimported.label()
                                    + " reads the network's values and is not an op keyed-rnn"
                                    + " imports";
            throw fail(
                    "the graph's first output '"
                            + first.name()
                            + "' is not the top layer's h or a linear head (and softmax) on it"
                            + culprit);
        }
        checkFloat(first, "output");
        StateWiring.check(graph, constants, features, recurrentNodes, source);
        int hidden = layers.get(top).hiddenSize();
        Linear linear = pred.headed() ? head.linear(hidden) : null;
        RecurrentNetwork net = build(linear, pred, first);
        Normalizer n =
                normaliser.finish(
                        layer0Normalised,
                        net.inputSize(),
                        net.outputSize(),
                        pred.stage() == Stage.DENORMALISED);
        return new Imported(net, n);
    }

    private RecurrentNetwork build(Linear linear, ChainValue pred, OnnxGraph.ValueInfo first)
            throws ModelFormatException {
        Embedding embedding = categorical.finish(linear, pred.softmax(), first);
        try {
            return new RecurrentNetwork(layers, embedding, linear, pred.softmax());
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private static boolean isInteger(OnnxGraph.ValueInfo v) {
        return v.elemType() == OnnxFields.TensorF.INT64 || v.elemType() == OnnxFields.TensorF.INT32;
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
