package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.onnx.OnnxFields.AttrF;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects an ONNX graph being written: nodes in order, initializers, inputs and outputs. */
final class GraphBuilder {
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
    private final List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
    private final List<OnnxGraph.ValueInfo> outputs = new ArrayList<>();

    /** Adds a FLOAT initializer and returns its name. */
    String floats(String name, float[] values, long... dims) {
        initializers.put(name, OnnxTensor.ofFloats(name, dims, values));
        return name;
    }

    /** Adds an INT64 initializer of one axis and returns its name. */
    String longs(String name, long... values) {
        initializers.put(name, OnnxTensor.ofLongs(name, new long[] {values.length}, values));
        return name;
    }

    /** Adds a FLOAT graph input; a dimension of -1 is the batch axis. */
    void input(String name, long... dims) {
        inputs.add(new OnnxGraph.ValueInfo(name, OnnxFields.TensorF.FLOAT, dims));
    }

    /** Adds an INT64 graph input (token ids); a dimension of -1 is the batch axis. */
    void longInput(String name, long... dims) {
        inputs.add(new OnnxGraph.ValueInfo(name, OnnxFields.TensorF.INT64, dims));
    }

    /** Adds a FLOAT graph output; a dimension of -1 is the batch axis. */
    void output(String name, long... dims) {
        outputs.add(new OnnxGraph.ValueInfo(name, OnnxFields.TensorF.FLOAT, dims));
    }

    /** Adds a FLOAT graph output before all others (the prediction comes first). */
    void firstOutput(String name, long... dims) {
        outputs.add(0, new OnnxGraph.ValueInfo(name, OnnxFields.TensorF.FLOAT, dims));
    }

    /** Adds a node of ONNX's own domain and returns its first output. */
    String node(
            String op,
            String name,
            List<String> in,
            List<String> out,
            OnnxAttribute... attributes) {
        Map<String, OnnxAttribute> attrs = new LinkedHashMap<>();
        for (OnnxAttribute a : attributes) {
            attrs.put(a.name(), a);
        }
        nodes.add(new OnnxNode(name, op, "", List.copyOf(in), List.copyOf(out), attrs));
        return out.get(0);
    }

    static OnnxAttribute integer(String name, long value) {
        return new OnnxAttribute(
                name, AttrF.TYPE_INT, null, value, null, null, null, null, null, null);
    }

    static OnnxAttribute strings(String name, String... values) {
        return new OnnxAttribute(
                name,
                AttrF.TYPE_STRINGS,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(values),
                null);
    }

    OnnxGraph build(String name) {
        return new OnnxGraph(
                name,
                List.copyOf(nodes),
                new LinkedHashMap<>(initializers),
                List.copyOf(inputs),
                List.copyOf(outputs));
    }
}
