package io.keyedrnn.model.io.onnx;

import java.util.Map;

/** A ModelProto as read: its provenance fields, opsets by domain, metadata_props and graph. */
record OnnxModel(
        long irVersion,
        String producerName,
        String producerVersion,
        Map<String, Long> opsets,
        Map<String, String> metadataProps,
        OnnxGraph graph) {}
