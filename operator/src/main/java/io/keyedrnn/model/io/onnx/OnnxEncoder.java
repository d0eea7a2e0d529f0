package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.onnx.OnnxFields.AttrF;
import io.keyedrnn.model.io.onnx.OnnxFields.GraphF;
import io.keyedrnn.model.io.onnx.OnnxFields.ModelF;
import io.keyedrnn.model.io.onnx.OnnxFields.NodeF;
import io.keyedrnn.model.io.onnx.OnnxFields.PairF;
import io.keyedrnn.model.io.onnx.OnnxFields.TensorF;
import io.keyedrnn.model.io.onnx.OnnxFields.TypeF;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes an {@link OnnxModel} as ONNX protobuf bytes, the writer side of {@link OnnxParser}: the
 * same messages and field numbers. Tensors are written as raw_data; a graph input or output
 * dimension of -1 is written as the symbolic dimension {@value #SYMBOLIC_DIM}.
 */
final class OnnxEncoder {
    /** The name of every symbolic dimension written (the batch axis). */
    static final String SYMBOLIC_DIM = "batch";

    private OnnxEncoder() {}

    static byte[] encode(OnnxModel m) {
        ProtoWriter w = new ProtoWriter();
        w.varint(ModelF.IR_VERSION, m.irVersion());
        w.string(ModelF.PRODUCER_NAME, m.producerName());
        w.string(ModelF.PRODUCER_VERSION, m.producerVersion());
        w.string(ModelF.DOC_STRING, m.docString());
        w.message(ModelF.GRAPH, graph(m.graph()));
        for (Map.Entry<String, Long> e : m.opsets().entrySet()) {
            w.message(
                    ModelF.OPSET_IMPORT,
                    new ProtoWriter()
                            .string(PairF.DOMAIN_OR_KEY, e.getKey())
                            .varint(PairF.VERSION_OR_VALUE, e.getValue()));
        }
        for (Map.Entry<String, String> e : m.metadataProps().entrySet()) {
            w.message(
                    ModelF.METADATA_PROPS,
                    new ProtoWriter()
                            .string(PairF.DOMAIN_OR_KEY, e.getKey())
                            .string(PairF.VERSION_OR_VALUE, e.getValue()));
        }
        return w.toBytes();
    }

    private static ProtoWriter graph(OnnxGraph g) {
        ProtoWriter w = new ProtoWriter();
        for (OnnxNode n : g.nodes()) {
            w.message(GraphF.NODE, node(n));
        }
        w.string(GraphF.NAME, g.name());
        for (OnnxTensor t : g.initializers().values()) {
            w.message(GraphF.INITIALIZER, tensor(t));
        }
        for (OnnxGraph.ValueInfo v : g.inputs()) {
            w.message(GraphF.INPUT, valueInfo(v));
        }
        for (OnnxGraph.ValueInfo v : g.outputs()) {
            w.message(GraphF.OUTPUT, valueInfo(v));
        }
        return w;
    }

    private static ProtoWriter node(OnnxNode n) {
        ProtoWriter w = new ProtoWriter();
        n.inputs().forEach(i -> w.string(NodeF.INPUT, i));
        n.outputs().forEach(o -> w.string(NodeF.OUTPUT, o));
        if (!n.name().isEmpty()) {
            w.string(NodeF.NAME, n.name());
        }
        w.string(NodeF.OP_TYPE, n.opType());
        for (OnnxAttribute a : n.attributes().values()) {
            w.message(NodeF.ATTRIBUTE, attribute(a));
        }
        if (!n.domain().isEmpty()) {
            w.string(NodeF.DOMAIN, n.domain());
        }
        return w;
    }

    /** Writes the value field that the attribute's type names (proto2: repeated unpacked). */
    private static ProtoWriter attribute(OnnxAttribute a) {
        ProtoWriter w = new ProtoWriter().string(AttrF.NAME, a.name());
        switch (a.type()) {
            case AttrF.TYPE_FLOAT -> w.fixedFloat(AttrF.F, a.f());
            case AttrF.TYPE_INT -> w.varint(AttrF.I, a.i());
            case AttrF.TYPE_STRING -> w.string(AttrF.S, a.s());
            case AttrF.TYPE_TENSOR -> w.message(AttrF.T, tensor(a.t()));
            case AttrF.TYPE_FLOATS -> {
                for (float f : a.floats()) {
                    w.fixedFloat(AttrF.FLOATS, f);
                }
            }
            case AttrF.TYPE_INTS -> Arrays.stream(a.ints()).forEach(i -> w.varint(AttrF.INTS, i));
            case AttrF.TYPE_STRINGS -> a.strings().forEach(s -> w.string(AttrF.STRINGS, s));
            default ->
                    throw new IllegalArgumentException(
                            "attribute " + a.name() + " has type " + a.type() + ", not written");
        }
        return w.varint(AttrF.TYPE, a.type());
    }

    private static ProtoWriter tensor(OnnxTensor t) {
        if (t.raw() == null) {
            throw new IllegalArgumentException("tensor " + t.name() + " has no raw_data to write");
        }
        ProtoWriter w = new ProtoWriter();
        Arrays.stream(t.dims()).forEach(d -> w.varint(TensorF.DIMS, d));
        w.varint(TensorF.DATA_TYPE, t.dataType());
        w.string(TensorF.NAME, t.name());
        ProtoReader.Slice s = t.raw();
        return w.bytes(
                TensorF.RAW_DATA,
                Arrays.copyOfRange(s.bytes(), s.offset(), s.offset() + s.length()));
    }

    private static ProtoWriter valueInfo(OnnxGraph.ValueInfo v) {
        ProtoWriter shape = new ProtoWriter();
        for (long d : v.dims()) {
            ProtoWriter dim = new ProtoWriter();
            if (d < 0) {
                dim.string(TypeF.DIM_PARAM, SYMBOLIC_DIM);
            } else {
                dim.varint(TypeF.DIM_VALUE, d);
            }
            shape.message(TypeF.DIM, dim);
        }
        ProtoWriter tensorType =
                new ProtoWriter().varint(TypeF.ELEM_TYPE, v.elemType()).message(TypeF.SHAPE, shape);
        return new ProtoWriter()
                .string(TypeF.VALUE_NAME, v.name())
                .message(
                        TypeF.VALUE_TYPE, new ProtoWriter().message(TypeF.TENSOR_TYPE, tensorType));
    }
}
