package io.keyedrnn.model.io.onnx;

import java.util.List;
import java.util.Map;

/** A NodeProto as read; an empty input name means an omitted optional input. */
record OnnxNode(
        String name,
        String opType,
        String domain,
        List<String> inputs,
        List<String> outputs,
        Map<String, OnnxAttribute> attributes) {

    /** Input {@code k}, or "" when omitted. */
    String input(int k) {
        return k < inputs.size() ? inputs.get(k) : "";
    }

    /** Output {@code k}, or "" when omitted. */
    String output(int k) {
        return k < outputs.size() ? outputs.get(k) : "";
    }

    /** How errors name this node: its name, else its op and first output. */
    String label() {
        String id = name.isEmpty() ? "producing '" + output(0) + "'" : "'" + name + "'";
        return "node " + id + " (" + opType + ")";
    }
}
