package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.onnx.OnnxFields.AttrF;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Typed, checked access to one node's attributes; every problem names the node and attribute. */
final class NodeAttributes {
    private final OnnxNode node;
    private final String source;

    NodeAttributes(OnnxNode node, String source) {
        this.node = node;
        this.source = source;
    }

    /** Refuses attributes outside {@code known}: an unread attribute could change the math. */
    void allowOnly(Set<String> known) throws ModelFormatException {
        for (OnnxAttribute a : node.attributes().values()) {
            if (!known.contains(a.name())) {
                throw fail(a.name(), "is not supported here (known: " + known + ")");
            }
            if (a.refAttrName() != null) {
                throw fail(a.name(), "refers to a function attribute, not supported");
            }
        }
    }

    boolean has(String name) {
        return node.attributes().containsKey(name);
    }

    long integer(String name, long fallback) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_INT);
        if (a == null) {
            return fallback;
        }
        if (a.i() == null) {
            throw fail(name, "has no integer value");
        }
        return a.i();
    }

    float real(String name, float fallback) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_FLOAT);
        if (a == null) {
            return fallback;
        }
        if (a.f() == null || !Float.isFinite(a.f())) {
            throw fail(name, "has no finite float value");
        }
        return a.f();
    }

    String string(String name, String fallback) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_STRING);
        if (a == null) {
            return fallback;
        }
        if (a.s() == null) {
            throw fail(name, "has no string value");
        }
        return a.s();
    }

    /** The strings, lower-cased (ONNX runtimes match activation names case-insensitively). */
    List<String> lowerStrings(String name) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_STRINGS);
        if (a == null) {
            return null;
        }
        return a.strings().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    long[] ints(String name) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_INTS);
        return a == null ? null : a.ints();
    }

    OnnxTensor tensor(String name) throws ModelFormatException {
        OnnxAttribute a = typed(name, AttrF.TYPE_TENSOR);
        if (a != null && a.t() == null) {
            throw fail(name, "has no tensor value");
        }
        return a == null ? null : a.t();
    }

    ModelFormatException fail(String attribute, String problem) {
        return new ModelFormatException(
                source, node.label() + ": attribute " + attribute + " " + problem);
    }

    private OnnxAttribute typed(String name, int type) throws ModelFormatException {
        OnnxAttribute a = node.attributes().get(name);
        if (a != null && a.type() != 0 && a.type() != type) {
            throw fail(name, "has attribute type " + a.type() + ", expected " + type);
        }
        return a;
    }
}
