package io.keyedrnn.flink;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Small random models and events for the flink package's tests. */
final class TestModels {
    private TestModels() {}

    /** A numeric next-step LSTM over {@code features} inputs with the given version and seed. */
    static Model lstm(int features, int hidden, long version, long seed) {
        return numeric(CellKind.LSTM, features, hidden, version, seed);
    }

    static Model numeric(CellKind cell, int features, int hidden, long version, long seed) {
        return new Model(
                NetworkFactory.random(NetworkSpec.numeric(cell, features, hidden, 1), seed),
                ModelMetadata.empty().withVersion(version));
    }

    static byte[] bytes(Model model) {
        return ModelFile.toBytes(model);
    }

    /** A numeric event record of the DESIGN.md contract. */
    static byte[] event(String key, long ts, float... features) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"key\":\"").append(key).append("\",\"ts\":").append(ts);
        sb.append(",\"features\":[");
        for (int i = 0; i < features.length; i++) {
            sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%s", features[i]));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A deterministic smooth feature vector for key k at step t. */
    static float[] features(int k, int t, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(0.3 * t + k + i);
        }
        return x;
    }
}
