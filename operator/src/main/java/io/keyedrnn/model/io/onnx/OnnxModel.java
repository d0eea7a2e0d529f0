package io.keyedrnn.model.io.onnx;

import java.util.Map;

/**
 * A ModelProto as read or to be written: its provenance fields, doc string, opsets by domain,
 * metadata_props and graph.
 */
record OnnxModel(
        long irVersion,
        String producerName,
        String producerVersion,
        String docString,
        Map<String, Long> opsets,
        Map<String, String> metadataProps,
        OnnxGraph graph) {}
