package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.onnx.OnnxFields.AttrF;
import io.keyedrnn.model.io.onnx.OnnxFields.GraphF;
import io.keyedrnn.model.io.onnx.OnnxFields.ModelF;
import io.keyedrnn.model.io.onnx.OnnxFields.NodeF;
import io.keyedrnn.model.io.onnx.OnnxFields.PairF;
import io.keyedrnn.model.io.onnx.OnnxFields.TensorF;
import io.keyedrnn.model.io.onnx.OnnxFields.TypeF;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses an ONNX file's bytes into {@link OnnxModel}, reading only the fields it needs. */
final class OnnxParser {
    /** Protobuf fields one file may hold; a real recurrent model has a few thousand. */
    static final long MAX_FIELDS = 2_000_000;

    private static final int MAX_DIMS = 8;
    private static final int MAX_INTS = 1 << 16;

    private OnnxParser() {}

    static OnnxModel parse(byte[] bytes, String source) throws ModelFormatException {
        ProtoReader.Budget budget = new ProtoReader.Budget(source, MAX_FIELDS);
        ProtoReader r =
                new ProtoReader(new ProtoReader.Slice(bytes, 0, bytes.length), budget, "model");
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        String doc = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        OnnxGraph graph = null;
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case ModelF.IR_VERSION -> ir = r.varint("ir_version");
                case ModelF.PRODUCER_NAME -> producer = r.string("producer_name");
                case ModelF.PRODUCER_VERSION -> producerVersion = r.string("producer_version");
                case ModelF.DOC_STRING -> doc = r.string("doc_string");
                case ModelF.GRAPH -> graph = graph(r.message("graph"));
                case ModelF.OPSET_IMPORT -> opset(r.message("opset_import"), opsets);
                case ModelF.METADATA_PROPS -> entry(r.message("metadata_props"), props);
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new ModelFormatException(source, "not an ONNX model: no graph (field 7)");
        }
        return new OnnxModel(ir, producer, producerVersion, doc, opsets, props, graph);
    }

    private static void opset(ProtoReader r, Map<String, Long> opsets) throws ModelFormatException {
        String domain = "";
        long version = 0;
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case PairF.DOMAIN_OR_KEY -> domain = r.string("domain");
                case PairF.VERSION_OR_VALUE -> version = r.varint("version");
                default -> r.skip();
            }
        }
        opsets.put(domain, version);
    }

    private static void entry(ProtoReader r, Map<String, String> props)
            throws ModelFormatException {
        String key = "";
        String value = "";
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case PairF.DOMAIN_OR_KEY -> key = r.string("key");
                case PairF.VERSION_OR_VALUE -> value = r.string("value");
                default -> r.skip();
            }
        }
        props.put(key, value);
    }

    private static OnnxGraph graph(ProtoReader r) throws ModelFormatException {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
        List<OnnxGraph.ValueInfo> outputs = new ArrayList<>();
        String name = "";
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case GraphF.NAME -> name = r.string("name");
                case GraphF.NODE -> nodes.add(node(r.message("node[" + nodes.size() + "]")));
                case GraphF.INITIALIZER -> {
                    OnnxTensor t = tensor(r.message("initializer[" + inits.size() + "]"));
                    if (inits.put(t.name(), t) != null) {
                        throw r.fail("initializer '" + t.name() + "' is defined twice");
                    }
                }
                case GraphF.INPUT -> inputs.add(valueInfo(r.message("input")));
                case GraphF.OUTPUT -> outputs.add(valueInfo(r.message("output")));
                default -> r.skip();
            }
        }
        return new OnnxGraph(name, nodes, inits, inputs, outputs);
    }

    private static OnnxNode node(ProtoReader r) throws ModelFormatException {
        String name = "";
        String op = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxAttribute> attrs = new LinkedHashMap<>();
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case NodeF.INPUT -> inputs.add(r.string("input"));
                case NodeF.OUTPUT -> outputs.add(r.string("output"));
                case NodeF.NAME -> name = r.string("name");
                case NodeF.OP_TYPE -> op = r.string("op_type");
                case NodeF.DOMAIN -> domain = r.string("domain");
                case NodeF.ATTRIBUTE -> {
                    OnnxAttribute a = attribute(r.message("attribute"));
                    if (attrs.put(a.name(), a) != null) {
                        throw r.fail("attribute '" + a.name() + "' is given twice");
                    }
                }
                default -> r.skip();
            }
        }
        return new OnnxNode(name, op, domain, inputs, outputs, attrs);
    }

    private static OnnxAttribute attribute(ProtoReader r) throws ModelFormatException {
        String name = "";
        int type = 0;
        Float fv = null;
        Long iv = null;
        String s = null;
        OnnxTensor t = null;
        String ref = null;
        Repeated floats = new Repeated("floats", MAX_INTS);
        Repeated ints = new Repeated("ints", MAX_INTS);
        List<String> strings = new ArrayList<>();
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case AttrF.NAME -> name = r.string("name");
                case AttrF.TYPE -> type = r.int32("type");
                case AttrF.F -> fv = r.fixedFloat("f");
                case AttrF.I -> iv = r.varint("i");
                case AttrF.S -> s = r.string("s");
                case AttrF.T -> t = tensor(r.message("t"));
                case AttrF.FLOATS -> floats.addFloats(r);
                case AttrF.INTS -> ints.addVarints(r);
                case AttrF.STRINGS -> strings.add(r.string("strings"));
                case AttrF.REF_ATTR_NAME -> ref = r.string("ref_attr_name");
                default -> r.skip();
            }
        }
        return new OnnxAttribute(
                name, type, fv, iv, s, t, floats.floats(), ints.longs(), strings, ref);
    }

    static OnnxTensor tensor(ProtoReader r) throws ModelFormatException {
        String name = "";
        int type = 0;
        int location = 0;
        ProtoReader.Slice raw = null;
        Repeated dims = new Repeated("dims", MAX_DIMS);
        Repeated floats = new Repeated("float_data", Integer.MAX_VALUE - 8);
        Repeated doubles = new Repeated("double_data", Integer.MAX_VALUE - 8);
        Repeated ints = new Repeated("int data", MAX_INTS);
        for (int f = r.next(); f != 0; f = r.next()) {
            switch (f) {
                case TensorF.DIMS -> dims.addVarints(r);
                case TensorF.DATA_TYPE -> type = r.int32("data_type");
                case TensorF.FLOAT_DATA -> floats.addFloats(r);
                case TensorF.DOUBLE_DATA -> doubles.addDoubles(r);
                case TensorF.INT32_DATA, TensorF.INT64_DATA -> ints.addVarints(r);
                case TensorF.NAME -> name = r.string("name");
                case TensorF.RAW_DATA -> raw = r.slice("raw_data");
                case TensorF.DATA_LOCATION -> location = r.int32("data_location");
                default -> r.skip();
            }
        }
        if (location != 0) {
            throw r.fail("tensor '" + name + "' keeps its data in an external file, not supported");
        }
        long[] shape = dims.longs();
        checkShape(shape, name, r);
        return new OnnxTensor(
                name,
                type,
                shape,
                raw,
                floats.size() > 0 ? floats.floats() : null,
                doubles.size() > 0 ? doubles.doubles() : null,
                ints.size() > 0 ? ints.longs() : null);
    }

    private static void checkShape(long[] dims, String name, ProtoReader r)
            throws ModelFormatException {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw r.fail("tensor '" + name + "' has dimension " + d);
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw r.fail(
                        "tensor '"
                                + name
                                + "' has shape "
                                + java.util.Arrays.toString(dims)
                                + ", too large");
            }
        }
    }

    private static OnnxGraph.ValueInfo valueInfo(ProtoReader r) throws ModelFormatException {
        String name = "";
        int elem = 0;
        long[] dims = new long[0];
        for (int f = r.next(); f != 0; f = r.next()) {
            if (f == TypeF.VALUE_NAME) {
                name = r.string("name");
            } else if (f == TypeF.VALUE_TYPE) {
                ProtoReader type = r.message("type");
                for (int g = type.next(); g != 0; g = type.next()) {
                    if (g == TypeF.TENSOR_TYPE) {
                        long[] found = tensorType(type.message("tensor_type"));
                        elem = (int) found[0];
                        dims = java.util.Arrays.copyOfRange(found, 1, found.length);
                    } else {
                        type.skip();
                    }
                }
            } else {
                r.skip();
            }
        }
        return new OnnxGraph.ValueInfo(name, elem, dims);
    }

    /** [elem_type, dims...] with -1 for a symbolic or missing dimension. */
    private static long[] tensorType(ProtoReader r) throws ModelFormatException {
        List<Long> out = new ArrayList<>();
        out.add(0L);
        for (int f = r.next(); f != 0; f = r.next()) {
            if (f == TypeF.ELEM_TYPE) {
                out.set(0, (long) r.int32("elem_type"));
            } else if (f == TypeF.SHAPE && out.size() == 1) {
                ProtoReader s = r.message("shape");
                for (int g = s.next(); g != 0; g = s.next()) {
                    if (g != TypeF.DIM) {
                        s.skip();
                    } else if (out.size() > MAX_DIMS) {
                        throw s.fail("more than " + MAX_DIMS + " dimensions");
                    } else {
                        out.add(dimValue(s.message("dim")));
                    }
                }
            } else {
                r.skip();
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long dimValue(ProtoReader r) throws ModelFormatException {
        long value = -1;
        for (int f = r.next(); f != 0; f = r.next()) {
            if (f == TypeF.DIM_VALUE) {
                value = r.varint("dim_value");
            } else {
                r.skip();
            }
        }
        return value;
    }
}
