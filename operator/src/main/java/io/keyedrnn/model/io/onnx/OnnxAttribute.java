package io.keyedrnn.model.io.onnx;

import java.util.List;

/** An AttributeProto as read; {@code type} is the declared AttributeType (0 when absent). */
record OnnxAttribute(
        String name,
        int type,
        Float f,
        Long i,
        String s,
        OnnxTensor t,
        float[] floats,
        long[] ints,
        List<String> strings,
        String refAttrName) {}
