package io.keyedrnn.serve;

import static io.keyedrnn.serve.ServeFixtures.event;
import static io.keyedrnn.serve.ServeFixtures.features;
import static io.keyedrnn.serve.ServeFixtures.normalized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelServableTest {
    private final Model model = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 1, 1);
    private final Normalizer norm = model.metadata().normalizer();

    @Test
    void advancesExactlyAsTheNetworkStep() {
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        RecurrentNetwork net = model.network();
        float[] refState = new float[net.stateSize()];
        float[] refOut = new float[net.outputSize()];
        Workspace ws = net.newWorkspace();
        float[][] xs = features(25, 2);
        for (int t = 0; t < xs.length; t++) {
            Prediction p = servable.process(event("k", 1000 + t, xs[t]), s);
            net.step(normalized(norm, xs[t]), refState, refOut, ws);
            assertArrayEquals(refState, s.state, "state after event " + t);
            assertArrayEquals(refOut, s.prediction, "raw prediction after event " + t);
            float[] denorm = new float[refOut.length];
            norm.denormalize(refOut, denorm);
            assertArrayEquals(denorm, p.valuesCopy(), "prediction in feature units");
            assertEquals(t + 1, s.eventCount);
            assertEquals(1000 + t, s.lastTimestamp);
        }
    }

    @Test
    void scoresEachEventAgainstThePreviousPrediction() {
        ModelServable servable =
                new ModelServable(model, ScoringConfig.fromMap(Map.of("warmup.events", "3")));
        KeyState s = servable.newState();
        float[][] xs = features(12, 3);
        float[] previous = null;
        for (int t = 0; t < xs.length; t++) {
            Prediction p = servable.process(event("k", t, xs[t]), s);
            assertEquals(t < 3, p.warmup, "warm-up at " + t);
            if (previous == null) {
                assertFalse(p.scored);
                assertEquals(0, p.score);
            } else {
                float[] xn = normalized(norm, xs[t]);
                double sum = 0;
                for (int i = 0; i < xn.length; i++) {
                    sum += ((double) xn[i] - previous[i]) * ((double) xn[i] - previous[i]);
                }
                assertTrue(p.scored);
                assertEquals(sum / xn.length, p.error, 1e-12);
                assertEquals(p.z, p.score);
            }
            previous = s.prediction.clone();
        }
        assertEquals(xs.length - 1, s.errorStats.count);
    }

    @Test
    void outlierIsAnomalousOnlyAfterWarmUp() {
        ScoringConfig cfg =
                ScoringConfig.fromMap(
                        Map.of("warmup.events", "5", "min.key.errors", "2", "threshold", "4"));
        ModelServable servable = new ModelServable(model, cfg);
        float[] outlier = {500f, -500f, 500f};
        KeyState early = servable.newState();
        servable.process(event("a", 0, features(1, 4)[0]), early);
        servable.process(event("a", 1, features(1, 5)[0]), early);
        servable.process(event("a", 2, features(1, 6)[0]), early);
        Prediction p = servable.process(event("a", 3, outlier), early);
        assertTrue(p.warmup);
        assertTrue(p.z > 4, "z " + p.z);
        assertFalse(p.anomaly);

        KeyState late = servable.newState();
        float[][] xs = features(20, 7);
        for (int t = 0; t < xs.length; t++) {
            assertFalse(servable.process(event("b", t, xs[t]), late).warmup && t >= 5);
        }
        p = servable.process(event("b", 99, outlier), late);
        assertFalse(p.warmup);
        assertTrue(p.anomaly, "z " + p.z);
    }

    @Test
    void rejectedEventsLeaveTheStateUntouched() {
        ModelServable servable =
                new ModelServable(model, ScoringConfig.DEFAULTS.withAllowedLatenessMs(100));
        KeyState s = servable.newState();
        float[][] xs = features(5, 8);
        for (int t = 0; t < xs.length; t++) {
            servable.process(event("k", 1000 + t, xs[t]), s);
        }
        KeyState before = s.copy();
        Event[] bad = {
            Event.numeric("k", 2000, new float[] {1f, 2f}),
            Event.numeric("k", 2000, new float[] {1f, Float.NaN, 2f}),
            Event.numeric("k", 2000, null),
            Event.categorical("k", 2000, "x"),
            Event.numeric("k", 1004 - 101, xs[0].clone()),
            Event.numeric(null, 2000, xs[0].clone()),
        };
        RejectReason[] reasons = {
            RejectReason.WRONG_FEATURE_COUNT,
            RejectReason.NON_FINITE_FEATURE,
            RejectReason.MISSING_FEATURES,
            RejectReason.MISSING_FEATURES,
            RejectReason.LATE_EVENT,
            RejectReason.MISSING_KEY,
        };
        for (int i = 0; i < bad.length; i++) {
            assertEquals(reasons[i], servable.check(bad[i], s), "event " + i);
            assertEquals(null, servable.process(bad[i], s));
            assertEquals(before, s, "state after bad event " + i);
        }
        // Within the allowed lateness an older event is still taken.
        assertNotNull(servable.process(Event.numeric("k", 1004 - 100, xs[0].clone()), s));
        assertEquals(1004, s.lastTimestamp);
    }

    @Test
    void categoricalScoresProbabilityAndRankOfThePreviousSoftmax() {
        List<String> vocab = List.of("A", "B", "C", "D", "E");
        Model cat = ServeFixtures.categorical(vocab, 9, 1);
        ModelServable servable =
                new ModelServable(cat, ScoringConfig.fromMap(Map.of("top.g", "2")));
        KeyState s = servable.newState();
        RecurrentNetwork net = cat.network();
        float[] refState = new float[net.stateSize()];
        float[] refOut = new float[net.outputSize()];
        Workspace ws = net.newWorkspace();
        String[] tokens = {"A", "C", "E", "B", "B", "D", "A", "E", "C", "C", "A", "D", "E"};
        for (int t = 0; t < tokens.length; t++) {
            float[] prev = refOut.clone();
            Prediction p = servable.process(Event.categorical("k", t, tokens[t]), s);
            int id = vocab.indexOf(tokens[t]);
            if (t > 0) {
                int higher = 0;
                for (float q : prev) {
                    higher += q > prev[id] ? 1 : 0;
                }
                assertEquals(prev[id], p.probability, 0);
                assertEquals(higher, p.rank);
                assertEquals(-Math.log(prev[id]), p.score, 1e-12);
                assertEquals(!p.warmup && higher >= 2, p.anomaly);
            }
            net.stepToken(id, refState, refOut, ws);
            assertArrayEquals(refState, s.state);
            assertArrayEquals(refOut, p.valuesCopy());
        }
        assertEquals(
                RejectReason.UNKNOWN_TOKEN, servable.check(Event.categorical("k", 99, "Z"), s));
    }
}
