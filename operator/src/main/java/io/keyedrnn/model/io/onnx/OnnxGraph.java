package io.keyedrnn.model.io.onnx;

import java.util.List;
import java.util.Map;

/**
 * A GraphProto as read or to be written: its name, nodes in file order (ONNX requires topological
 * order), initializers by name, and the graph's inputs and outputs with their element types (0 when
 * not stated).
 */
record OnnxGraph(
        String name,
        List<OnnxNode> nodes,
        Map<String, OnnxTensor> initializers,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs) {

    /** A ValueInfoProto: name, tensor element type and dims (-1 for a symbolic or unknown one). */
    record ValueInfo(String name, int elemType, long[] dims) {}
}
