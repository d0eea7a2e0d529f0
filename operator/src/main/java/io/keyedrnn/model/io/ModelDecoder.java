package io.keyedrnn.model.io;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a checked safetensors file into a {@link Model}: every shape is checked against the
 * architecture before any tensor data is decoded, so a bad file fails before it costs memory.
 */
final class ModelDecoder {
    private final SafetensorsReader file;
    private final String source;
    private final HeapBudget heap;

    private ModelDecoder(SafetensorsReader file, String source, HeapBudget heap) {
        this.file = file;
        this.source = source;
        this.heap = heap;
    }

    /** Decodes {@code file} if its tensors fit in the heap {@code heap} reports free. */
    static Model decode(SafetensorsReader file, String source, HeapBudget heap) throws IOException {
        return new ModelDecoder(file, source, heap).decode();
    }

    private Model decode() throws IOException {
        TensorNames names = TensorNames.of(file.tensors(), source);
        MetadataCodec.Parsed parsed = metadata();
        ModelMetadata metadata = parsed.metadata();
        MetadataRules rules = new MetadataRules(source);
        TensorInfo hh0 = names.layers[0].weightHh();
        matrix(hh0);
        if (hh0.dim(0) % hh0.dim(1) != 0) {
            throw fail(
                    "weight_hh_l0 has shape "
                            + hh0.shapeText()
                            + "; its rows must be 4, 3 or 1 times its columns (LSTM, GRU, RNN)");
        }
        CellKind cell = rules.cell(metadata, hh0.dim(0) / hh0.dim(1));
        int inputSize = checkLayers(names.layers, cell);
        int top = names.layers[names.layers.length - 1].weightHh().dim(1);
        int headOut = checkHead(names, top);
        int vocabulary = checkEmbedding(names.embedding, inputSize);
        MetadataRules.Facts facts =
                new MetadataRules.Facts(cell.gates(), inputSize, headOut, vocabulary);
        boolean softmax = rules.softmax(metadata, facts);
        rules.checkInput(metadata, facts);
        rules.checkDeclaredInput(parsed, facts);
        heap.check(file.tensors().values(), source);
        return new Model(build(names, cell, softmax, rules.headKind(metadata)), metadata);
    }

    private MetadataCodec.Parsed metadata() throws ModelFormatException {
        String json = file.metadata().get(ModelMetadata.METADATA_KEY);
        return json == null
                ? new MetadataCodec.Parsed(ModelMetadata.empty(), null, null, null)
                : MetadataCodec.read(json, source);
    }

    /** Checks every layer's shapes; returns the input size of layer 0. */
    private int checkLayers(TensorNames.Layer[] layers, CellKind cell) throws ModelFormatException {
        int in = matrix(layers[0].weightIh()).dim(1);
        int first = in;
        for (int k = 0; k < layers.length; k++) {
            TensorNames.Layer layer = layers[k];
            int hidden = matrix(layer.weightHh()).dim(1);
            int rows = cell.gates() * hidden;
            String why =
                    cell.id() + " has " + cell.gates() + " gate blocks of hidden size " + hidden;
            expect(layer.weightHh(), rows, hidden, why);
            if (k > 0) {
                why +=
                        ", and layer "
                                + k
                                + " takes layer "
                                + (k - 1)
                                + "'s "
                                + in
                                + " hidden units";
            }
            expect(matrix(layer.weightIh()), rows, in, why);
            if (layer.biasIh() != null) {
                expect(layer.biasIh(), rows);
                expect(layer.biasHh(), rows);
            }
            in = hidden;
        }
        return first;
    }

    private int checkHead(TensorNames names, int top) throws ModelFormatException {
        if (names.headWeight == null) {
            return 0;
        }
        int out = matrix(names.headWeight).dim(0);
        if (names.headWeight.dim(1) != top) {
            throw fail(
                    "head.weight has shape "
                            + names.headWeight.shapeText()
                            + " but the top layer has "
                            + top
                            + " hidden units; expected ["
                            + out
                            + ", "
                            + top
                            + "]");
        }
        if (names.headBias != null) {
            expect(names.headBias, out);
        }
        return out;
    }

    private int checkEmbedding(TensorInfo embedding, int inputSize) throws ModelFormatException {
        if (embedding == null) {
            return 0;
        }
        matrix(embedding);
        if (embedding.dim(1) != inputSize) {
            throw fail(
                    "embedding.weight has shape "
                            + embedding.shapeText()
                            + " but weight_ih_l0 takes "
                            + inputSize
                            + " inputs; expected [vocabulary, "
                            + inputSize
                            + "]");
        }
        return embedding.dim(0);
    }

    private RecurrentNetwork build(
            TensorNames names, CellKind cell, boolean softmax, HeadKind headKind)
            throws IOException {
        try {
            return assemble(names, cell, softmax, headKind);
        } catch (IllegalArgumentException e) {
            // The shape checks make this unreachable; keep to the one documented exception.
            throw new ModelFormatException(source, e.getMessage(), e);
        }
    }

    private RecurrentNetwork assemble(
            TensorNames names, CellKind cell, boolean softmax, HeadKind headKind)
            throws IOException {
        List<RecurrentLayer> layers = new ArrayList<>();
        for (TensorNames.Layer t : names.layers) {
            int rows = t.weightHh().dim(0);
            float[] biasIh = t.biasIh() == null ? new float[rows] : file.floats(t.biasIh());
            float[] biasHh = t.biasHh() == null ? new float[rows] : file.floats(t.biasHh());
            layers.add(
                    RecurrentLayer.of(
                            cell,
                            t.weightIh().dim(1),
                            t.weightHh().dim(1),
                            file.floats(t.weightIh()),
                            file.floats(t.weightHh()),
                            biasIh,
                            biasHh));
        }
        Linear head = null;
        if (names.headWeight != null) {
            int out = names.headWeight.dim(0);
            float[] bias = names.headBias == null ? new float[out] : file.floats(names.headBias);
            head = new Linear(names.headWeight.dim(1), out, file.floats(names.headWeight), bias);
        }
        Embedding embedding = null;
        if (names.embedding != null) {
            embedding =
                    new Embedding(
                            names.embedding.dim(0),
                            names.embedding.dim(1),
                            file.floats(names.embedding));
        }
        return new RecurrentNetwork(layers, embedding, head, softmax, headKind);
    }

    /** Checks t is a matrix with no empty dimension. */
    private TensorInfo matrix(TensorInfo t) throws ModelFormatException {
        if (t.rank() != 2 || t.dim(0) < 1 || t.dim(1) < 1) {
            throw fail(
                    "tensor "
                            + t.name()
                            + " has shape "
                            + t.shapeText()
                            + "; expected a non-empty matrix");
        }
        return t;
    }

    private void expect(TensorInfo t, int rows, int cols, String why) throws ModelFormatException {
        if (t.dim(0) != rows || t.dim(1) != cols) {
            throw fail(
                    String.format(
                            "tensor %s has shape %s; expected [%d, %d] (%s)",
                            t.name(), t.shapeText(), rows, cols, why));
        }
    }

    private void expect(TensorInfo t, int length) throws ModelFormatException {
        if (t.rank() != 1 || t.dim(0) != length) {
            throw fail(
                    "tensor "
                            + t.name()
                            + " has shape "
                            + t.shapeText()
                            + "; expected ["
                            + length
                            + "]");
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
