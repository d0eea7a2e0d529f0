package io.keyedrnn.model.io.onnx;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata of an imported model: any keyed_rnn metadata_props, its source (the ONNX file's name
 * and SHA-256) and, in training.imported_from, the file's producer, IR version and opset.
 */
final class OnnxOrigin {
    /** Key in the metadata's training map that records an import. */
    static final String IMPORTED_FROM = "imported_from";

    private static final JsonMapper JSON = new JsonMapper();

    private OnnxOrigin() {}

    /** The metadata; {@code normalizer} is the graph's own (null without one). */
    static ModelMetadata metadata(
            OnnxModel onnx, Normalizer normalizer, byte[] bytes, String source)
            throws ModelFormatException {
        ModelMetadata base = ModelMetadata.empty();
        String json = onnx.metadataProps().get(ModelMetadata.METADATA_KEY);
        if (json != null) {
            try {
                base = JSON.readValue(json, ModelMetadata.class);
            } catch (Exception e) {
                throw new ModelFormatException(
                        source,
                        "metadata_props " + ModelMetadata.METADATA_KEY + " is not valid",
                        e);
            }
        }
        if (base.normalizer() != null && !base.normalizer().equals(normalizer)) {
            throw new ModelFormatException(
                    source,
                    "metadata_props "
                            + ModelMetadata.METADATA_KEY
                            + " states a normalizer that the graph does not apply");
        }
        Map<String, Object> training =
                base.training() == null ? new TreeMap<>() : new TreeMap<>(base.training());
        Map<String, Object> origin = new TreeMap<>();
        origin.put("producer", (onnx.producerName() + " " + onnx.producerVersion()).trim());
        origin.put("ir_version", onnx.irVersion());
        origin.put("opset", onnx.opsets().getOrDefault("", 0L));
        training.put(IMPORTED_FROM, origin);
        return new ModelMetadata(
                base.format() == 0 ? 1 : base.format(),
                base.cell(),
                base.output(),
                base.inputKind(),
                base.featureNames(),
                base.vocabulary(),
                normalizer,
                base.calibration(),
                base.declaredVersion(),
                training,
                new ModelMetadata.Source("onnx", fileName(source), sha256(bytes)));
    }

    private static String fileName(String source) {
        try {
            Path name = Path.of(source).getFileName();
            return name == null ? source : name.toString();
        } catch (java.nio.file.InvalidPathException e) {
            return source;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
