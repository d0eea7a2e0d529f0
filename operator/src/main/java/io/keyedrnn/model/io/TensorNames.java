package io.keyedrnn.model.io;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a file's tensors into PyTorch's recurrent names ({@code weight_ih_l{k}} ...), the head and
 * the embedding, and checks that the layers are complete and numbered without gaps.
 */
final class TensorNames {
    static final String HEAD_WEIGHT = "head.weight";
    static final String HEAD_BIAS = "head.bias";
    static final String EMBEDDING = "embedding.weight";

    private static final Pattern LAYER =
            Pattern.compile("(weight_ih|weight_hh|bias_ih|bias_hh)_l(0|[1-9][0-9]{0,3})");
    private static final String EXPECTED =
            "expected weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}, head.weight,"
                    + " head.bias or embedding.weight";

    /** One layer's tensors; the biases are null when the layer was saved with bias=False. */
    record Layer(TensorInfo weightIh, TensorInfo weightHh, TensorInfo biasIh, TensorInfo biasHh) {}

    final Layer[] layers;
    final TensorInfo headWeight;
    final TensorInfo headBias;
    final TensorInfo embedding;

    private TensorNames(
            Layer[] layers, TensorInfo headWeight, TensorInfo headBias, TensorInfo embedding) {
        this.layers = layers;
        this.headWeight = headWeight;
        this.headBias = headBias;
        this.embedding = embedding;
    }

    static TensorNames of(Map<String, TensorInfo> tensors, String source)
            throws ModelFormatException {
        TreeMap<Integer, Map<String, TensorInfo>> byLayer = new TreeMap<>();
        for (TensorInfo t : tensors.values()) {
            Matcher m = LAYER.matcher(t.name());
            if (m.matches()) {
                byLayer.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new TreeMap<>())
                        .put(m.group(1), t);
            } else if (!t.name().equals(HEAD_WEIGHT)
                    && !t.name().equals(HEAD_BIAS)
                    && !t.name().equals(EMBEDDING)) {
                throw new ModelFormatException(source, unknown(t.name()));
            }
        }
        if (byLayer.isEmpty()) {
            throw new ModelFormatException(
                    source, "no recurrent layer: weight_ih_l0 and weight_hh_l0 are missing");
        }
        int count = byLayer.lastKey() + 1;
        Layer[] layers = new Layer[count];
        for (int k = 0; k < count; k++) {
            layers[k] = layer(k, byLayer.get(k), count, source);
        }
        TensorInfo headWeight = tensors.get(HEAD_WEIGHT);
        TensorInfo headBias = tensors.get(HEAD_BIAS);
        if (headBias != null && headWeight == null) {
            throw new ModelFormatException(source, "head.bias is present without head.weight");
        }
        return new TensorNames(layers, headWeight, headBias, tensors.get(EMBEDDING));
    }

    private static Layer layer(int k, Map<String, TensorInfo> t, int count, String source)
            throws ModelFormatException {
        if (t == null) {
            throw new ModelFormatException(
                    source,
                    "layer gap: tensors of layer "
                            + (count - 1)
                            + " exist but weight_ih_l"
                            + k
                            + " and weight_hh_l"
                            + k
                            + " are missing");
        }
        for (String[] pair :
                new String[][] {{"weight_ih", "weight_hh"}, {"weight_hh", "weight_ih"}}) {
            if (!t.containsKey(pair[0])) {
                throw new ModelFormatException(
                        source, pair[0] + "_l" + k + " is missing (" + present(t, k) + " present)");
            }
        }
        if (t.containsKey("bias_ih") != t.containsKey("bias_hh")) {
            String has = t.containsKey("bias_ih") ? "bias_ih" : "bias_hh";
            String lacks = t.containsKey("bias_ih") ? "bias_hh" : "bias_ih";
            throw new ModelFormatException(
                    source,
                    lacks
                            + "_l"
                            + k
                            + " is missing while "
                            + has
                            + "_l"
                            + k
                            + " is present; a layer has both biases or, saved with bias=False,"
                            + " neither");
        }
        return new Layer(
                t.get("weight_ih"), t.get("weight_hh"), t.get("bias_ih"), t.get("bias_hh"));
    }

    private static String present(Map<String, TensorInfo> t, int k) {
        StringBuilder s = new StringBuilder();
        for (String name : t.keySet()) {
            s.append(s.length() == 0 ? "" : ", ").append(name).append("_l").append(k);
        }
        return s.toString();
    }

    private static String unknown(String name) {
        if (name.endsWith("_reverse")) {
            return "tensor " + name + ": bidirectional layers are not supported";
        }
        if (name.startsWith("weight_hr_l")) {
            return "tensor " + name + ": LSTM projections (proj_size) are not supported";
        }
        int dot = name.indexOf('.');
        if (dot > 0 && LAYER.matcher(name.substring(dot + 1)).matches()) {
            return "unknown tensor "
                    + name
                    + "; save the recurrent module's own state_dict, without the prefix '"
                    + name.substring(0, dot + 1)
                    + "' ("
                    + EXPECTED
                    + ")";
        }
        return "unknown tensor " + name + " (" + EXPECTED + ")";
    }
}
