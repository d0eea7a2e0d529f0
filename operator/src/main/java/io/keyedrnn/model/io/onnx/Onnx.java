package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX import and export of keyed-rnn models.
 *
 * <p>Import reads stacked forward {@code LSTM}, {@code GRU} or {@code RNN} nodes with default
 * activations, an optional linear head and the normaliser an export writes, or for a categorical
 * model the token ids' {@code Gather} on an embedding table and the head's {@code Softmax}; the
 * file is treated as hostile like a model file: anything else raises one {@link
 * ModelFormatException} naming the node, attribute or tensor at fault, and no allocation is sized
 * by a number the file states before it is checked against the file's bytes. The result is the
 * model a PyTorch state_dict of the same network would give, checked by writing it as safetensors
 * and reading it back.
 *
 * <p>Export writes a graph that steps the model by one event: inputs {@code features} (or {@code
 * token}, INT64 ids, for a categorical model) and every layer's state, outputs {@code prediction}
 * and the new state (see {@link OnnxExporter}).
 */
public final class Onnx {
    /** The ONNX opset an export imports. */
    public static final long EXPORT_OPSET = OnnxExporter.OPSET;

    private Onnx() {}

    /** Imports the ONNX model at {@code path}, refusing files over the model file size cap. */
    public static Model read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > ModelFile.DEFAULT_MAX_FILE_BYTES) {
            throw new ModelFormatException(
                    path.toString(),
                    "file has "
                            + size
                            + " bytes, above the limit of "
                            + ModelFile.DEFAULT_MAX_FILE_BYTES);
        }
        return read(Files.readAllBytes(path), path.toString());
    }

    /** Imports an ONNX model from its bytes; {@code source} prefixes error messages. */
    public static Model read(byte[] bytes, String source) throws ModelFormatException {
        OnnxModel onnx = OnnxParser.parse(bytes, source);
        OnnxImporter.Imported imported = OnnxImporter.network(onnx, source);
        Model model =
                new Model(
                        imported.network(),
                        OnnxOrigin.metadata(onnx, imported.normalizer(), bytes, source));
        byte[] file;
        try {
            file = ModelFile.toBytes(model);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, e.getMessage(), e);
        }
        return ModelFile.read(file, source);
    }

    /**
     * The ONNX bytes of a graph that steps {@code model} one event at a time.
     *
     * @throws IllegalArgumentException for a model no model file could hold (non-finite weights,
     *     metadata that contradicts the network), naming what is wrong
     */
    public static byte[] toBytes(Model model) {
        return OnnxEncoder.encode(OnnxExporter.export(model));
    }

    /** Writes {@link #toBytes} to {@code path}. */
    public static void write(Model model, Path path) throws IOException {
        Files.write(path, toBytes(model));
    }
}
