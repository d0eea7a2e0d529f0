package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import java.util.HashSet;
import java.util.Set;

/**
 * The graph's names as ONNX requires them (what ONNX Runtime checks before it runs a graph): every
 * node input is a graph input, an initializer or an earlier node's output, and no tensor is defined
 * twice. The importer skips nodes off the prediction's path, so it checks this itself.
 */
final class GraphNames {
    private GraphNames() {}

    static void check(OnnxGraph graph, String source) throws ModelFormatException {
        Set<String> defined = new HashSet<>(graph.initializers().keySet());
        for (OnnxGraph.ValueInfo in : graph.inputs()) {
            defined.add(in.name());
        }
        for (OnnxNode node : graph.nodes()) {
            for (String in : node.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    throw new ModelFormatException(
                            source,
                            node.label()
                                    + ": input '"
                                    + in
                                    + "' is not a graph input, initializer or earlier node's"
                                    + " output");
                }
            }
            for (String out : node.outputs()) {
                if (!out.isEmpty() && !defined.add(out)) {
                    throw new ModelFormatException(
                            source, node.label() + ": output '" + out + "' is already defined");
                }
            }
        }
        for (OnnxGraph.ValueInfo out : graph.outputs()) {
            if (!defined.contains(out.name())) {
                throw new ModelFormatException(
                        source, "graph output '" + out.name() + "' is computed by no node");
            }
        }
    }
}
