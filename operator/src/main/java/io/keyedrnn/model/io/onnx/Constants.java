package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.onnx.OnnxFields.TensorF;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The graph's constant tensors: initializers and the outputs of {@code Constant} nodes. */
final class Constants {
    private static final Set<String> CONSTANT_ATTRS =
            Set.of("value", "value_float", "value_floats", "value_int", "value_ints");

    private final Map<String, OnnxTensor> byName = new HashMap<>();
    private final String source;

    private Constants(String source) {
        this.source = source;
    }

    static Constants of(OnnxGraph graph, String source) throws ModelFormatException {
        Constants c = new Constants(source);
        c.byName.putAll(graph.initializers());
        for (OnnxNode node : graph.nodes()) {
            if (isConstant(node)) {
                c.define(node);
            }
        }
        return c;
    }

    static boolean isConstant(OnnxNode node) {
        return node.opType().equals("Constant") && node.domain().isEmpty();
    }

    private void define(OnnxNode node) throws ModelFormatException {
        NodeAttributes a = new NodeAttributes(node, source);
        a.allowOnly(CONSTANT_ATTRS);
        if (node.attributes().size() != 1 || node.outputs().size() != 1) {
            throw new ModelFormatException(
                    source, node.label() + ": needs exactly one value attribute and one output");
        }
        String out = node.output(0);
        OnnxTensor t = a.tensor("value");
        if (t == null && a.has("value_float")) {
            t = floats(out, new long[0], new float[] {a.real("value_float", 0)});
        } else if (t == null && a.has("value_floats")) {
            float[] v = node.attributes().get("value_floats").floats();
            t = floats(out, new long[] {v.length}, v);
        } else if (t == null && a.has("value_int")) {
            t = ints(out, new long[0], new long[] {a.integer("value_int", 0)});
        } else if (t == null) {
            long[] v = a.ints("value_ints");
            t = ints(out, new long[] {v.length}, v);
        }
        if (byName.put(out, t) != null) {
            throw new ModelFormatException(
                    source, node.label() + ": output '" + out + "' is already defined");
        }
    }

    private static OnnxTensor floats(String name, long[] dims, float[] v) {
        return new OnnxTensor(name, TensorF.FLOAT, dims, null, v, null, null);
    }

    private static OnnxTensor ints(String name, long[] dims, long[] v) {
        return new OnnxTensor(name, TensorF.INT64, dims, null, null, null, v);
    }

    /** The constant named {@code name}, or null when it is computed or a graph input. */
    OnnxTensor get(String name) {
        return byName.get(name);
    }

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Whether the constant holds only zeros (as floats). */
    boolean allZero(String name, String what) throws ModelFormatException {
        for (float v : byName.get(name).floats(source, what)) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
