package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A Gaussian head is served as means (prediction) and standard deviations (prediction_std) in
 * feature units, and each error is judged against the σ the model predicted for it.
 */
class GaussianServingTest {
    private static final int F = ServeFixtures.FEATURES;

    private static Model gaussian() {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.gaussian(CellKind.LSTM, F, 6, 1), 11);
        ModelMetadata m =
                new ModelMetadata(
                        1,
                        "lstm",
                        "gaussian",
                        "numeric",
                        null,
                        null,
                        ServeFixtures.normalizer(),
                        null,
                        1,
                        null);
        return new Model(net, m);
    }

    @Test
    void servesMeansAndStdsAndScoresTheNormalisedError() {
        Model model = gaussian();
        Normalizer norm = model.metadata().normalizer();
        RecurrentNetwork net = model.network();
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        float[] state = new float[net.stateSize()];
        float[] out = new float[2 * F];
        Workspace ws = net.newWorkspace();
        float[][] xs = ServeFixtures.features(40, 5);
        float[] previous = null;
        int scored = 0;
        for (int t = 0; t < xs.length; t++) {
            float[] x = ServeFixtures.normalized(norm, xs[t]);
            Prediction p = servable.process(ServeFixtures.event("k", 1000 + t, xs[t]), s);
            if (previous != null) {
                double sum = 0;
                for (int i = 0; i < F; i++) {
                    double z = (x[i] - (double) previous[i]) / previous[F + i];
                    sum += z * z;
                }
                assertEquals(sum / F, p.error, 1e-9 * sum, "error at " + t);
                assertTrue(p.scored && !Double.isNaN(p.z));
                scored++;
            }
            net.step(x, state, out, ws);
            assertEquals(F, p.length);
            for (int i = 0; i < F; i++) {
                assertEquals(out[i] * norm.std()[i] + norm.mean()[i], p.values[i], 1e-5f);
                assertEquals(out[F + i] * norm.std()[i], p.std[i], 1e-6f);
                assertTrue(out[F + i] > 0, "σ is positive");
            }
            previous = out.clone();
        }
        assertEquals(xs.length - 1, scored);
    }

    @Test
    void jsonCarriesPredictionStdOnlyForAGaussianHead() {
        ModelServable g = new ModelServable(gaussian(), ScoringConfig.DEFAULTS);
        Prediction p =
                g.process(
                        ServeFixtures.event("k", 1, ServeFixtures.features(1, 2)[0]), g.newState());
        String json = new String(new PredictionJson(false).toBytes(p), StandardCharsets.UTF_8);
        assertTrue(json.contains(",\"prediction_std\":["), json);
        assertNotNull(p.copy().std);

        ModelServable lin =
                new ModelServable(
                        ServeFixtures.numeric(CellKind.LSTM, 6, 1, 11, 1), ScoringConfig.DEFAULTS);
        Prediction q =
                lin.process(
                        ServeFixtures.event("k", 1, ServeFixtures.features(1, 2)[0]),
                        lin.newState());
        assertNull(q.std);
        assertFalse(q.toString().contains("prediction_std"), q.toString());
    }
}
