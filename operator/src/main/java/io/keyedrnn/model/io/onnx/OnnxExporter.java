package io.keyedrnn.model.io.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * Builds the ONNX graph that steps a keyed-rnn model by one event: features (normalised in the
 * graph when the model has a normaliser) and every layer's state in, the prediction (denormalised
 * as the scoring job does) and the new state out. keyed-rnn's metadata, less the normaliser the
 * graph holds, travels in metadata_props so an import restores it.
 */
final class OnnxExporter {
    static final long IR_VERSION = 8;
    static final long OPSET = 14;
    static final String FEATURES = "features";
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

    /** The ONNX model for {@code model}; refuses what ONNX's recurrent ops cannot express. */
    static OnnxModel export(Model model) {
        RecurrentNetwork n = model.network();
        if (n.isCategorical() || n.hasSoftmax()) {
            throw new IllegalArgumentException(
                    "cannot export to ONNX: categorical models (token input, embedding, softmax"
                            + " head) are not supported; only numeric models are");
        }
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

    private OnnxGraph graph() {
        int features = net.inputSize();
        boolean denormalise = normalizer != null && net.outputSize() == features;
        g.input(FEATURES, -1, features);
        String x = FEATURES;
        if (normalizer != null) {
            x = normalise(x, features);
        }
        String axis0 = g.longs("axis_0", 0);
        x = g.node("Unsqueeze", "as_sequence", List.of(x, axis0), List.of("features_seq"));
        for (int k = 0; k < net.layers().size(); k++) {
            x = RecurrentNodeExport.layer(g, k, net.layers().get(k), x);
        }
        Linear head = net.head();
        String pred =
                g.node(
                        "Squeeze",
                        "top_h",
                        List.of(x, axis0),
                        List.of(head == null && !denormalise ? PREDICTION : "top_h"));
        if (head != null) {
            pred = head(pred, head, denormalise ? "head_out" : PREDICTION);
        }
        if (denormalise) {
            pred =
                    g.node(
                            "Mul",
                            "denormalise_scale",
                            List.of(pred, "norm_std"),
                            List.of("pred_scaled"));
            g.node("Add", "denormalise_shift", List.of(pred, "norm_mean"), List.of(PREDICTION));
        }
        g.firstOutput(PREDICTION, -1, net.outputSize());
        return g.build("keyed_rnn_step");
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
