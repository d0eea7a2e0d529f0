package io.keyedrnn.model.io;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link Model} into safetensors bytes, refusing any model the reader would refuse or read
 * back differently (mixed cell kinds, non-finite weights, metadata that contradicts the network).
 */
final class ModelEncoder {
    private static final String SOURCE = "model to write";

    private ModelEncoder() {}

    static byte[] encode(Model model) {
        RecurrentNetwork n = model.network();
        Map<String, FloatTensor> tensors = new TreeMap<>();
        CellKind cell = n.cellKind();
        for (int k = 0; k < n.layers().size(); k++) {
            RecurrentLayer layer = n.layers().get(k);
            if (layer.kind() != cell) {
                throw new IllegalArgumentException(
                        "layer "
                                + k
                                + " is "
                                + layer.kind().id()
                                + " but layer 0 is "
                                + cell.id()
                                + "; a model file holds one cell kind");
            }
            int rows = cell.gates() * layer.hiddenSize();
            put(
                    tensors,
                    "weight_ih_l" + k,
                    FloatTensor.matrix(rows, layer.inputSize(), layer.weightIh()));
            put(
                    tensors,
                    "weight_hh_l" + k,
                    FloatTensor.matrix(rows, layer.hiddenSize(), layer.weightHh()));
            put(tensors, "bias_ih_l" + k, FloatTensor.vector(layer.biasIh()));
            put(tensors, "bias_hh_l" + k, FloatTensor.vector(layer.biasHh()));
        }
        Linear head = n.head();
        if (head != null) {
            put(
                    tensors,
                    TensorNames.HEAD_WEIGHT,
                    FloatTensor.matrix(head.outputSize(), head.inputSize(), head.weight()));
            put(tensors, TensorNames.HEAD_BIAS, FloatTensor.vector(head.bias()));
        }
        Embedding e = n.embedding();
        if (e != null) {
            put(
                    tensors,
                    TensorNames.EMBEDDING,
                    FloatTensor.matrix(e.vocabularySize(), e.dimension(), e.weight()));
        }
        String json = MetadataCodec.toJson(complete(model.metadata(), n));
        return SafetensorsWriter.write(tensors, Map.of(ModelMetadata.METADATA_KEY, json));
    }

    /**
     * The metadata to store: the model's own, with format, cell, output and input kind filled in
     * from the network where absent, so that gru_cho and rnn_relu survive the round trip.
     */
    static ModelMetadata complete(ModelMetadata m, RecurrentNetwork n) {
        CellKind cell = n.cellKind();
        String output =
                n.head() == null
                        ? MetadataRules.NONE
                        : n.hasSoftmax()
                                ? MetadataRules.SOFTMAX
                                : n.isGaussian() ? MetadataRules.GAUSSIAN : MetadataRules.LINEAR;
        ModelMetadata full =
                new ModelMetadata(
                        m.format() == 0 ? MetadataCodec.FORMAT : m.format(),
                        m.cell() == null ? cell.id() : m.cell(),
                        m.output() == null ? output : m.output(),
                        m.inputKind() == null
                                ? (n.isCategorical() ? "categorical" : "numeric")
                                : m.inputKind(),
                        m.featureNames(),
                        m.vocabulary(),
                        m.normalizer(),
                        m.calibration(),
                        m.declaredVersion(),
                        m.training(),
                        m.source(),
                        m.calendar());
        check(full, n);
        return full;
    }

    private static void check(ModelMetadata m, RecurrentNetwork n) {
        MetadataRules rules = new MetadataRules(SOURCE);
        Embedding e = n.embedding();
        MetadataRules.Facts facts =
                new MetadataRules.Facts(
                        n.cellKind().gates(),
                        n.layers().get(0).inputSize(),
                        n.head() == null ? 0 : n.head().outputSize(),
                        e == null ? 0 : e.vocabularySize());
        try {
            if (m.format() > MetadataCodec.FORMAT || m.format() < 0) {
                throw new IllegalArgumentException("metadata format " + m.format() + " is unknown");
            }
            if (rules.cell(m, facts.gates()) != n.cellKind()) {
                throw new IllegalArgumentException(
                        "metadata cell " + m.cell() + " but the network is " + n.cellKind().id());
            }
            if (rules.softmax(m, facts) != n.hasSoftmax()) {
                throw new IllegalArgumentException(
                        "metadata output "
                                + m.output()
                                + " but the network "
                                + (n.hasSoftmax() ? "applies" : "does not apply")
                                + " a softmax");
            }
            if (rules.headKind(m) != n.headKind()) {
                throw new IllegalArgumentException(
                        "metadata output "
                                + m.output()
                                + " but the network's head is "
                                + n.headKind().id());
            }
            rules.checkInput(m, facts);
        } catch (ModelFormatException ex) {
            throw new IllegalArgumentException("cannot write model: " + ex.problem(), ex);
        }
    }

    private static void put(Map<String, FloatTensor> tensors, String name, FloatTensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException(
                        "cannot write model: tensor "
                                + name
                                + " holds "
                                + d[i]
                                + " at flat index "
                                + i);
            }
        }
        tensors.put(name, t);
    }
}
