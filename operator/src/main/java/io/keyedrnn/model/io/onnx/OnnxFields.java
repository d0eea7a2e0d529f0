package io.keyedrnn.model.io.onnx;

/**
 * Field numbers of the ONNX messages keyed-rnn reads and writes, as in {@code onnx-subset.proto}
 * beside this class (and ONNX's onnx.proto); every other field is skipped.
 */
final class OnnxFields {
    private OnnxFields() {}

    /** ModelProto. */
    static final class ModelF {
        static final int IR_VERSION = 1;
        static final int PRODUCER_NAME = 2;
        static final int PRODUCER_VERSION = 3;
        static final int DOC_STRING = 6;
        static final int GRAPH = 7;
        static final int OPSET_IMPORT = 8;
        static final int METADATA_PROPS = 14;

        private ModelF() {}
    }

    /** OperatorSetIdProto and StringStringEntryProto share their two field numbers. */
    static final class PairF {
        static final int DOMAIN_OR_KEY = 1;
        static final int VERSION_OR_VALUE = 2;

        private PairF() {}
    }

    /** GraphProto. */
    static final class GraphF {
        static final int NODE = 1;
        static final int NAME = 2;
        static final int INITIALIZER = 5;
        static final int INPUT = 11;
        static final int OUTPUT = 12;

        private GraphF() {}
    }

    /** NodeProto. */
    static final class NodeF {
        static final int INPUT = 1;
        static final int OUTPUT = 2;
        static final int NAME = 3;
        static final int OP_TYPE = 4;
        static final int ATTRIBUTE = 5;
        static final int DOMAIN = 7;

        private NodeF() {}
    }

    /** AttributeProto and its AttributeType values. */
    static final class AttrF {
        static final int NAME = 1;
        static final int F = 2;
        static final int I = 3;
        static final int S = 4;
        static final int T = 5;
        static final int FLOATS = 7;
        static final int INTS = 8;
        static final int STRINGS = 9;
        static final int TYPE = 20;
        static final int REF_ATTR_NAME = 21;

        static final int TYPE_FLOAT = 1;
        static final int TYPE_INT = 2;
        static final int TYPE_STRING = 3;
        static final int TYPE_TENSOR = 4;
        static final int TYPE_FLOATS = 6;
        static final int TYPE_INTS = 7;
        static final int TYPE_STRINGS = 8;

        private AttrF() {}
    }

    /** TensorProto and its DataType values. */
    static final class TensorF {
        static final int DIMS = 1;
        static final int DATA_TYPE = 2;
        static final int FLOAT_DATA = 4;
        static final int INT32_DATA = 5;
        static final int INT64_DATA = 7;
        static final int NAME = 8;
        static final int RAW_DATA = 9;
        static final int DOUBLE_DATA = 10;
        static final int EXTERNAL_DATA = 13;
        static final int DATA_LOCATION = 14;

        static final int FLOAT = 1;
        static final int INT32 = 6;
        static final int INT64 = 7;
        static final int DOUBLE = 11;

        private TensorF() {}
    }

    /** ValueInfoProto, TypeProto (.Tensor), TensorShapeProto (.Dimension). */
    static final class TypeF {
        static final int VALUE_NAME = 1;
        static final int VALUE_TYPE = 2;
        static final int TENSOR_TYPE = 1;
        static final int ELEM_TYPE = 1;
        static final int SHAPE = 2;
        static final int DIM = 1;
        static final int DIM_VALUE = 1;
        static final int DIM_PARAM = 2;

        private TypeF() {}
    }
}
