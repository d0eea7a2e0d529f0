package io.keyedrnn.model.io.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * Builds the ONNX graph that steps a keyed-rnn model by one event: features (normalised in the
 * graph when the model has a normaliser) or a token id (looked up in the embedding by {@code
 * Gather}) and every layer's state in, the prediction (softmax probabilities for a categorical
 * model, denormalised as the scoring job does for a numeric one) and the new state out. keyed-rnn's
 * metadata, less the normaliser the graph holds, travels in metadata_props so an import restores
 * it. A model with a Gaussian head is refused.
 */
final class OnnxExporter {
    static final long IR_VERSION = 8;
    static final long OPSET = 14;
    static final String FEATURES = "features";
    static final String TOKEN = "token";
    static final String EMBEDDING = "embedding.weight";
    static final String PREDICTION = "prediction";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final RecurrentNetwork net;
    private final Normalizer normalizer;
    private final GraphBuilder g = new GraphBuilder();

    private OnnxExporter(Model model) {
        this.net = model.network();
        this.normalizer = model.metadata().normalizer();
    }

    /** The ONNX model for {@code model}; refuses a model a model file could not hold. */
    static OnnxModel export(Model model) {
        check(model);
        OnnxExporter e = new OnnxExporter(model);
        OnnxGraph graph = e.graph();
        return new OnnxModel(
                IR_VERSION,
                "keyed-rnn",
                "",
                ExportDoc.text(model),
                Map.of("", OPSET),
                Map.of(ModelMetadata.METADATA_KEY, metadataJson(model)),
                graph);
    }

    /**
     * Refuses what the model file writer refuses (non-finite weights, mixed cell kinds, metadata
     * that contradicts the network, a normaliser on token input), and calendar inputs: the import
     * of such a graph would fail or read back another model.
     */
    private static void check(Model model) {
        if (model.network().isGaussian()) {
            // The graph's one prediction output and OnnxImporter know a linear or softmax head.
            throw new IllegalArgumentException(
                    "cannot export to ONNX: the model has a gaussian head (means and"
                            + " log-variances); ONNX export supports linear and softmax heads");
        }
        if (model.metadata().calendar() != null) {
            // The graph takes the network's input; nothing in it derives inputs from a timestamp.
            throw new IllegalArgumentException(
                    "cannot export to ONNX: the model derives calendar inputs "
                            + model.metadata().calendar()
                            + " from the event time, which an ONNX graph of the step cannot");
        }
        try {
            ModelFile.toBytes(model);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage().replaceFirst("^cannot write model: ", "");
            throw new IllegalArgumentException("cannot export to ONNX: " + why, e);
        }
    }

    private OnnxGraph graph() {
        String x = net.isCategorical() ? embed() : features();
        String axis0 = g.longs("axis_0", 0);
        x = g.node("Unsqueeze", "as_sequence", List.of(x, axis0), List.of("x_seq"));
        for (int k = 0; k < net.layers().size(); k++) {
            x = RecurrentNodeExport.layer(g, k, net.layers().get(k), x);
        }
        prediction(g.node("Squeeze", "top_h", List.of(x, axis0), List.of("top_h")));
        g.firstOutput(PREDICTION, -1, net.outputSize());
        return g.build("keyed_rnn_step");
    }

    /**
     * The prediction from the top layer's h: head, softmax, and the scoring job's denormalisation
     * of a prediction with one value per feature, each when the model has it.
     */
    private void prediction(String topH) {
        boolean denormalise = normalizer != null && net.outputSize() == net.inputSize();
        String pred = topH;
        if (net.head() != null) {
            pred = head(pred, net.head(), "head_out");
        }
        if (net.hasSoftmax()) {
            pred =
                    g.node(
                            "Softmax",
                            "softmax",
                            List.of(pred),
                            List.of("probabilities"),
                            GraphBuilder.integer("axis", -1));
        }
        if (denormalise) {
            pred =
                    g.node(
                            "Mul",
                            "denormalise_scale",
                            List.of(pred, "norm_std"),
                            List.of("pred_scaled"));
            pred = g.node("Add", "denormalise_shift", List.of(pred, "norm_mean"), List.of("pred"));
        }
        // One name for the output whatever the last op: Identity costs the runtime nothing.
        g.node("Identity", "prediction", List.of(pred), List.of(PREDICTION));
    }

    /** The features input, normalised when the model has a normaliser; returns [batch, I]. */
    private String features() {
        int features = net.inputSize();
        g.input(FEATURES, -1, features);
        return normalizer == null ? FEATURES : normalise(FEATURES, features);
    }

    /** The token id input and its embedding row ({@code Gather} on axis 0); returns [batch, E]. */
    private String embed() {
        Embedding e = net.embedding();
        g.longInput(TOKEN, -1);
        String table = g.floats(EMBEDDING, e.weight(), e.vocabularySize(), e.dimension());
        return g.node(
                "Gather",
                "embedding",
                List.of(table, TOKEN),
                List.of("token_embedded"),
                GraphBuilder.integer("axis", 0));
    }

    private String normalise(String x, int features) {
        g.floats("norm_mean", normalizer.mean(), features);
        g.floats("norm_std", normalizer.std(), features);
        String centred =
                g.node(
                        "Sub",
                        "normalise_centre",
                        List.of(x, "norm_mean"),
                        List.of("features_centred"));
        return g.node(
                "Div",
                "normalise_scale",
                List.of(centred, "norm_std"),
                List.of("features_normalised"));
    }

    private String head(String h, Linear head, String out) {
        String w = g.floats("head.weight", head.weight(), head.outputSize(), head.inputSize());
        String b = g.floats("head.bias", head.bias(), head.outputSize());
        return g.node(
                "Gemm", "head", List.of(h, w, b), List.of(out), GraphBuilder.integer("transB", 1));
    }

    /** The metadata JSON, without the normaliser (the graph holds it) and source (the import's). */
    private static String metadataJson(Model model) {
        ModelMetadata m = model.metadata();
        ModelMetadata kept =
                new ModelMetadata(
                        m.format() == 0 ? 1 : m.format(),
                        model.network().cellKind().id(),
                        m.output(),
                        m.inputKind(),
                        m.featureNames(),
                        m.vocabulary(),
                        null,
                        m.calibration(),
                        m.declaredVersion(),
                        m.training(),
                        null);
        try {
            return JSON.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot export to ONNX: metadata: " + e, e);
        }
    }
}
