package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: random finite inputs at float's extremes (±3e38, subnormals, mixed with ordinary
 * values), through every cell kind, stacked or not, with and without a normaliser that amplifies
 * them, never leave a non-finite number in any key's state; a refused step leaves the key as it
 * was.
 */
class ExtremeInputsTest {
    private static final float[] EXTREMES = {
        3e38f,
        -3e38f,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        1e38f,
        -1e38f,
        1e-45f,
        -1e-45f,
        Float.MIN_NORMAL,
        0f,
        -0f,
        1f,
        -1f,
        0.5f,
        1e20f,
        -1e20f
    };
    private static final int KEYS = 4;
    private static final int EVENTS = 400;

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (CellKind cell : CellKind.values()) {
            for (int layers : new int[] {1, 2}) {
                for (Normalizer norm : normalizers()) {
                    for (boolean likelihood : new boolean[] {false, true}) {
                        out.add(Arguments.of(cell, layers, norm, likelihood, seed++));
                    }
                }
            }
        }
        return out.stream();
    }

    private static List<Normalizer> normalizers() {
        List<Normalizer> l = new ArrayList<>();
        l.add(null);
        l.add(ServeFixtures.normalizer());
        l.add(new Normalizer(new float[] {0f, 1e30f, -5f}, new float[] {0.01f, 1e-3f, 3f}));
        return l;
    }

    @ParameterizedTest(name = "{0} x{1} normalizer={2} likelihood={3}")
    @MethodSource("models")
    void noKeyEverHoldsANonFiniteValue(
            CellKind cell, int layers, Normalizer norm, boolean likelihood, long seed) {
        NetworkSpec spec = NetworkSpec.numeric(cell, ServeFixtures.FEATURES, 8, layers);
        Model model =
                new Model(
                        NetworkFactory.random(spec, seed),
                        ServeFixtures.metadata(cell, norm, null, null, 1));
        ScoringConfig cfg = ScoringConfig.DEFAULTS.withWarmupEvents(2).withRingSize(4);
        if (likelihood) {
            cfg = cfg.withLikelihood(5, 50);
        }
        ModelServable sv = new ModelServable(model, cfg);
        Map<String, KeyState> states = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        int scored = 0;
        for (int t = 0; t < EVENTS; t++) {
            String key = "k" + rnd.nextInt(KEYS);
            Event e = Event.numeric(key, 1_700_000_000_000L + t, features(rnd));
            KeyState s = states.computeIfAbsent(key, k -> sv.newState());
            KeyState before = s.copy();
            if (sv.check(e, s) != null) {
                assertNull(sv.process(e, s));
                assertEquals(before, s, "a refused event changed the state");
                continue;
            }
            Prediction p = sv.process(e, s);
            if (p == null) {
                assertEquals(before, s, "a non-finite step changed the state");
                assertNotNull(sv.lastFailure());
            } else {
                scored++;
                assertFinite(p);
            }
            for (KeyState any : states.values()) {
                assertFinite(any);
            }
        }
        assertTrue(scored > 0, "some events are scored");
    }

    private static float[] features(SplittableRandom rnd) {
        float[] x = new float[ServeFixtures.FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] =
                    rnd.nextInt(4) == 0
                            ? (float) rnd.nextGaussian()
                            : EXTREMES[rnd.nextInt(EXTREMES.length)];
        }
        return x;
    }

    private static void assertFinite(Prediction p) {
        for (int i = 0; i < p.length; i++) {
            assertTrue(Float.isFinite(p.values[i]), "prediction " + i + " = " + p.values[i]);
        }
        assertTrue(Double.isFinite(p.score), "score " + p.score);
    }

    static void assertFinite(KeyState s) {
        assertTrue(StepGuard.finite(s.state), "state " + s);
        assertTrue(StepGuard.finite(s.prediction), "prediction of " + s);
        assertTrue(StepGuard.finite(s.ringFeatures), "ring of " + s);
        assertTrue(StepGuard.finite(s.likelihood.recent), "likelihood window of " + s);
        assertTrue(Double.isFinite(s.errorStats.mean) && Double.isFinite(s.errorStats.m2));
        assertTrue(Double.isFinite(s.likelihood.longMean) && Double.isFinite(s.likelihood.longVar));
    }
}
