package io.keyedrnn.serve;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.SplittableRandom;

/** Small models and event streams for the serve tests. */
final class ServeFixtures {
    static final int FEATURES = 3;

    private ServeFixtures() {}

    static Normalizer normalizer() {
        return new Normalizer(new float[] {1f, -2f, 0.5f}, new float[] {2f, 0.5f, 1.5f});
    }

    static Model numeric(CellKind cell, int hidden, int layers, long seed, long version) {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(cell, FEATURES, hidden, layers), seed);
        return new Model(net, metadata(cell, normalizer(), null, null, version));
    }

    static Model categorical(List<String> vocabulary, long seed, long version) {
        int v = vocabulary.size();
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, v, 4, 6, 1), seed);
        return new Model(net, metadata(CellKind.GRU, null, vocabulary, null, version));
    }

    static ModelMetadata metadata(
            CellKind cell,
            Normalizer normalizer,
            List<String> vocabulary,
            Calibration calibration,
            long version) {
        return new ModelMetadata(
                1,
                cell.id(),
                vocabulary != null ? "softmax" : "linear",
                vocabulary != null ? "categorical" : "numeric",
                null,
                vocabulary,
                normalizer,
                calibration,
                version,
                null);
    }

    /** Raw features near the normaliser's means, reproducible from the seed. */
    static float[][] features(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Normalizer norm = normalizer();
        float[][] xs = new float[n][FEATURES];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < FEATURES; i++) {
                xs[t][i] = (float) (norm.mean()[i] + norm.std()[i] * rnd.nextGaussian());
            }
        }
        return xs;
    }

    static Event event(String key, long ts, float[] x) {
        return Event.numeric(key, ts, x.clone());
    }

    /** (x − mean)/std as the servable computes it. */
    static float[] normalized(Normalizer norm, float[] x) {
        float[] out = new float[x.length];
        norm.normalize(x, out);
        return out;
    }
}
