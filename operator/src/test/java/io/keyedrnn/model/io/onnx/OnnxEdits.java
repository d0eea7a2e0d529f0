package io.keyedrnn.model.io.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Copies of an ONNX model with one thing changed, for the importer's refusal tests. */
final class OnnxEdits {
    private OnnxEdits() {}

    static OnnxModel node(OnnxModel m, String name, UnaryOperator<OnnxNode> edit) {
        List<OnnxNode> nodes = new ArrayList<>();
        boolean found = false;
        for (OnnxNode n : m.graph().nodes()) {
            found |= n.name().equals(name);
            nodes.add(n.name().equals(name) ? edit.apply(n) : n);
        }
        if (!found) {
            throw new IllegalArgumentException("no node " + name);
        }
        OnnxGraph g = m.graph();
        return graph(m, new OnnxGraph(g.name(), nodes, g.initializers(), g.inputs(), g.outputs()));
    }

    static OnnxNode attr(OnnxNode n, OnnxAttribute a) {
        Map<String, OnnxAttribute> attrs = new LinkedHashMap<>(n.attributes());
        attrs.put(a.name(), a);
        return new OnnxNode(n.name(), n.opType(), n.domain(), n.inputs(), n.outputs(), attrs);
    }

    static OnnxNode op(OnnxNode n, String op, String domain) {
        return new OnnxNode(n.name(), op, domain, n.inputs(), n.outputs(), n.attributes());
    }

    static OnnxNode input(OnnxNode n, int k, String name) {
        List<String> in = new ArrayList<>(n.inputs());
        while (in.size() <= k) {
            in.add("");
        }
        in.set(k, name);
        return new OnnxNode(n.name(), n.opType(), n.domain(), in, n.outputs(), n.attributes());
    }

    static OnnxAttribute floatAttr(String name, float v) {
        return new OnnxAttribute(
                name, OnnxFields.AttrF.TYPE_FLOAT, v, null, null, null, null, null, null, null);
    }

    static OnnxAttribute stringAttr(String name, String v) {
        return new OnnxAttribute(
                name, OnnxFields.AttrF.TYPE_STRING, null, null, v, null, null, null, null, null);
    }

    /** Replaces or adds an initializer; null {@code t} removes {@code name}. */
    static OnnxModel initializer(OnnxModel m, String name, OnnxTensor t) {
        OnnxGraph g = m.graph();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>(g.initializers());
        if (t == null) {
            inits.remove(name);
        } else {
            inits.put(name, t);
        }
        return graph(m, new OnnxGraph(g.name(), g.nodes(), inits, g.inputs(), g.outputs()));
    }

    /** Appends {@code extra} to the graph's nodes. */
    static OnnxModel addNode(OnnxModel m, OnnxNode extra) {
        OnnxGraph g = m.graph();
        List<OnnxNode> nodes = new ArrayList<>(g.nodes());
        nodes.add(extra);
        return graph(m, new OnnxGraph(g.name(), nodes, g.initializers(), g.inputs(), g.outputs()));
    }

    /** Gives graph input {@code name} another element type. */
    static OnnxModel inputType(OnnxModel m, String name, int elemType) {
        OnnxGraph g = m.graph();
        List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
        for (OnnxGraph.ValueInfo v : g.inputs()) {
            inputs.add(
                    v.name().equals(name) ? new OnnxGraph.ValueInfo(name, elemType, v.dims()) : v);
        }
        return graph(m, new OnnxGraph(g.name(), g.nodes(), g.initializers(), inputs, g.outputs()));
    }

    /** Replaces the metadata_props. */
    static OnnxModel metadata(OnnxModel m, Map<String, String> props) {
        return copy(m, m.opsets(), props, m.graph());
    }

    static OnnxModel opset(OnnxModel m, long v) {
        return copy(m, Map.of("", v), m.metadataProps(), m.graph());
    }

    private static OnnxModel graph(OnnxModel m, OnnxGraph g) {
        return copy(m, m.opsets(), m.metadataProps(), g);
    }

    private static OnnxModel copy(
            OnnxModel m, Map<String, Long> opsets, Map<String, String> props, OnnxGraph g) {
        return new OnnxModel(
                m.irVersion(),
                m.producerName(),
                m.producerVersion(),
                m.docString(),
                opsets,
                props,
                g);
    }
}
