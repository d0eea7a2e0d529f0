package io.keyedrnn.train;

import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's trainable values in one flat float array, sliced into tensors named as in PyTorch.
 *
 * <p>Order: per layer k {@code weight_ih_l{k}}, {@code weight_hh_l{k}}, {@code bias_ih_l{k}},
 * {@code bias_hh_l{k}}; then {@code head.weight}, {@code head.bias}; then {@code embedding.weight}.
 * Every tensor is row-major in PyTorch's layout, so a gradient array of the same length shares the
 * slicing.
 */
public final class Parameters {
    /** One named tensor: where it starts in the flat array and its shape (rows × cols). */
    public record Tensor(String name, int offset, int rows, int cols) {
        public int size() {
            return rows * cols;
        }
    }

    private final NetworkSpec spec;
    private final Map<String, Tensor> tensors;
    private final float[] values;

    private Parameters(NetworkSpec spec, Map<String, Tensor> tensors, float[] values) {
        this.spec = spec;
        this.tensors = tensors;
        this.values = values;
    }

    /** Zero-valued parameters for the given architecture. */
    public static Parameters zeros(NetworkSpec spec) {
        Map<String, Tensor> t = layout(spec);
        int size = 0;
        for (Tensor x : t.values()) {
            size += x.size();
        }
        return new Parameters(spec, t, new float[size]);
    }

    private static Map<String, Tensor> layout(NetworkSpec spec) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        int g = spec.cell().gates() * spec.hiddenSize();
        int h = spec.hiddenSize();
        int[] off = {0};
        for (int k = 0; k < spec.layers(); k++) {
            int in = k == 0 ? spec.inputSize() : h;
            add(t, off, "weight_ih_l" + k, g, in);
            add(t, off, "weight_hh_l" + k, g, h);
            add(t, off, "bias_ih_l" + k, 1, g);
            add(t, off, "bias_hh_l" + k, 1, g);
        }
        if (spec.headSize() > 0) {
            add(t, off, "head.weight", spec.headSize(), h);
            add(t, off, "head.bias", 1, spec.headSize());
        }
        if (spec.categorical()) {
            add(t, off, "embedding.weight", spec.vocabularySize(), spec.inputSize());
        }
        return Collections.unmodifiableMap(t);
    }

    private static void add(Map<String, Tensor> t, int[] off, String name, int rows, int cols) {
        t.put(name, new Tensor(name, off[0], rows, cols));
        off[0] += rows * cols;
    }

    /** Copies the weights of a network. */
    public static Parameters of(RecurrentNetwork net) {
        Parameters p = zeros(specOf(net));
        for (int k = 0; k < net.layers().size(); k++) {
            RecurrentLayer l = net.layers().get(k);
            p.set("weight_ih_l" + k, l.weightIh());
            p.set("weight_hh_l" + k, l.weightHh());
            p.set("bias_ih_l" + k, l.biasIh());
            p.set("bias_hh_l" + k, l.biasHh());
        }
        if (net.head() != null) {
            p.set("head.weight", net.head().weight());
            p.set("head.bias", net.head().bias());
        }
        if (net.embedding() != null) {
            p.set("embedding.weight", net.embedding().weight());
        }
        return p;
    }

    /** The architecture of a network (for token input, inputSize is the embedding dimension). */
    public static NetworkSpec specOf(RecurrentNetwork net) {
        RecurrentLayer first = net.layers().get(0);
        int head = net.head() == null ? 0 : net.head().outputSize();
        int vocab = net.embedding() == null ? 0 : net.embedding().vocabularySize();
        if (net.hasSoftmax() != (vocab > 0)) {
            throw new IllegalArgumentException(
                    "training supports a softmax head only together with a token embedding");
        }
        return new NetworkSpec(
                net.cellKind(),
                first.inputSize(),
                first.hiddenSize(),
                net.layers().size(),
                head,
                vocab,
                net.headKind());
    }

    /** Builds an immutable serving network from the current values. */
    public RecurrentNetwork toNetwork() {
        List<RecurrentLayer> layers = new ArrayList<>();
        int h = spec.hiddenSize();
        for (int k = 0; k < spec.layers(); k++) {
            int in = k == 0 ? spec.inputSize() : h;
            layers.add(
                    RecurrentLayer.of(
                            spec.cell(),
                            in,
                            h,
                            get("weight_ih_l" + k),
                            get("weight_hh_l" + k),
                            get("bias_ih_l" + k),
                            get("bias_hh_l" + k)));
        }
        Linear head = null;
        if (spec.headSize() > 0) {
            head = new Linear(h, spec.headSize(), get("head.weight"), get("head.bias"));
        }
        Embedding emb = null;
        if (spec.categorical()) {
            emb = new Embedding(spec.vocabularySize(), spec.inputSize(), get("embedding.weight"));
        }
        return new RecurrentNetwork(layers, emb, head, spec.categorical(), spec.headKind());
    }

    /** The tensor of that name; throws naming the known tensors if there is none. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "no parameter tensor '" + name + "'; this network has " + tensors.keySet());
        }
        return t;
    }

    /** A copy of one tensor's values. */
    public float[] get(String name) {
        Tensor t = tensor(name);
        float[] out = new float[t.size()];
        System.arraycopy(values, t.offset(), out, 0, t.size());
        return out;
    }

    /** Overwrites one tensor's values. Modified: this. Not modified: v. */
    public void set(String name, float[] v) {
        Tensor t = tensor(name);
        if (v.length != t.size()) {
            throw new IllegalArgumentException(
                    name
                            + " has "
                            + t.size()
                            + " values ("
                            + t.rows()
                            + " × "
                            + t.cols()
                            + "), got "
                            + v.length);
        }
        System.arraycopy(v, 0, values, t.offset(), v.length);
    }

    /** A deep copy. */
    public Parameters copy() {
        return new Parameters(spec, tensors, values.clone());
    }

    /** Overwrites all values with those of {@code other}, which must have the same layout. */
    public void copyFrom(Parameters other) {
        if (!other.spec.equals(spec)) {
            throw new IllegalArgumentException(
                    "parameter layouts differ: " + other.spec + " vs " + spec);
        }
        System.arraycopy(other.values, 0, values, 0, values.length);
    }

    /** The flat values, live: optimizers update them in place. */
    public float[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    /** The tensors in flat order. */
    public List<Tensor> tensors() {
        return List.copyOf(tensors.values());
    }

    public NetworkSpec spec() {
        return spec;
    }
}
