package io.keyedrnn.serve;

import static io.keyedrnn.serve.ServeFixtures.event;
import static io.keyedrnn.serve.ServeFixtures.features;
import static io.keyedrnn.serve.ServeFixtures.normalized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSwapTest {
    private static final int RING = 8;
    private final Model v1 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 1, 1);
    private final float[][] xs = features(20, 12);

    /** A key that has seen xs under model v1 with the given policy configured. */
    private KeyState warmedUp(ScoringConfig cfg) {
        ModelServable servable = new ModelServable(v1, cfg);
        KeyState s = servable.newState();
        for (int t = 0; t < xs.length; t++) {
            servable.process(event("k", t, xs[t]), s);
        }
        return s;
    }

    private static ScoringConfig config(SwapPolicy policy) {
        return ScoringConfig.DEFAULTS.withRingSize(RING).withSwapPolicy(policy).withWarmupEvents(5);
    }

    /** Runs the last RING inputs through model m from zero state; returns {state, output}. */
    private float[][] replayReference(Model m) {
        RecurrentNetwork net = m.network();
        Normalizer norm = m.metadata().normalizer();
        float[] state = new float[net.stateSize()];
        float[] out = new float[net.outputSize()];
        Workspace ws = net.newWorkspace();
        for (int t = xs.length - RING; t < xs.length; t++) {
            net.step(normalized(norm, xs[t]), state, out, ws);
        }
        return new float[][] {state, out};
    }

    @Test
    void replayRebuildsTheStateFromTheRingThroughTheNewModel() {
        KeyState s = warmedUp(config(SwapPolicy.REPLAY));
        Model v2 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 99, 2);
        ModelServable servable = new ModelServable(v2, config(SwapPolicy.REPLAY));
        servable.adopt(s);
        float[][] ref = replayReference(v2);
        assertArrayEquals(ref[0], s.state);
        assertArrayEquals(ref[1], s.prediction);
        assertEquals(2, s.modelVersion);
        assertEquals(RING, s.stepsSinceReset);
        assertEquals(xs.length, s.eventCount);
        assertEquals(0, s.errorStats.count);
        // The next event is scored against the replayed prediction; 8 replayed > 5 warm-up.
        Prediction p = servable.process(event("k", 100, xs[0]), s);
        assertTrue(p.scored);
        assertFalse(p.warmup);
        assertEquals(2, p.modelVersion);
    }

    @Test
    void replayIntoADifferentArchitecture() {
        KeyState s = warmedUp(config(SwapPolicy.REPLAY));
        Model gru = ServeFixtures.numeric(CellKind.GRU, 7, 1, 5, 3);
        new ModelServable(gru, config(SwapPolicy.REPLAY)).adopt(s);
        float[][] ref = replayReference(gru);
        assertArrayEquals(ref[0], s.state);
        assertArrayEquals(ref[1], s.prediction);
    }

    @Test
    void replayUsesTheNewModelsNormalizer() {
        KeyState s = warmedUp(config(SwapPolicy.REPLAY));
        Normalizer other = new Normalizer(new float[] {0f, 0f, 0f}, new float[] {1f, 3f, 1f});
        Model base = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 1, 4);
        Model v4 =
                new Model(
                        base.network(),
                        ServeFixtures.metadata(CellKind.LSTM, other, null, null, 4));
        new ModelServable(v4, config(SwapPolicy.REPLAY)).adopt(s);
        assertArrayEquals(replayReference(v4)[0], s.state);
    }

    @Test
    void resetZeroesTheStateAndRestartsWarmUp() {
        KeyState s = warmedUp(config(SwapPolicy.RESET));
        Model v2 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 99, 2);
        ModelServable servable = new ModelServable(v2, config(SwapPolicy.RESET));
        Prediction p = servable.process(event("k", 100, xs[0]), s);
        assertFalse(p.scored);
        assertTrue(p.warmup);
        RecurrentNetwork net = v2.network();
        float[] ref = new float[net.stateSize()];
        net.step(
                normalized(v2.metadata().normalizer(), xs[0]),
                ref,
                new float[net.outputSize()],
                net.newWorkspace());
        assertArrayEquals(ref, s.state);
        assertEquals(1, s.stepsSinceReset);
    }

    @Test
    void keepLeavesStateAndPrediction() {
        KeyState s = warmedUp(config(SwapPolicy.KEEP));
        KeyState before = s.copy();
        Model v2 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 99, 2);
        new ModelServable(v2, config(SwapPolicy.KEEP)).adopt(s);
        assertArrayEquals(before.state, s.state);
        assertArrayEquals(before.prediction, s.prediction);
        assertEquals(before.stepsSinceReset, s.stepsSinceReset);
        assertEquals(2, s.modelVersion);
    }

    @Test
    void keepFallsBackToReplayWhenShapesDiffer() {
        KeyState s = warmedUp(config(SwapPolicy.KEEP));
        Model wide = ServeFixtures.numeric(CellKind.LSTM, 9, 1, 3, 2);
        new ModelServable(wide, config(SwapPolicy.KEEP)).adopt(s);
        assertArrayEquals(replayReference(wide)[0], s.state);
    }

    @Test
    void sameVersionIsANoOp() {
        KeyState s = warmedUp(config(SwapPolicy.RESET));
        KeyState before = s.copy();
        new ModelServable(v1, config(SwapPolicy.RESET)).adopt(s);
        assertEquals(before, s);
    }

    @Test
    void ringResizeKeepsTheNewestInputs() {
        KeyState s = warmedUp(config(SwapPolicy.REPLAY));
        ModelServable smaller = new ModelServable(v1, config(SwapPolicy.REPLAY).withRingSize(3));
        smaller.adopt(s);
        assertEquals(3, s.ringCount);
        for (int i = 0; i < 3; i++) {
            float[] row = Arrays.copyOfRange(s.ringFeatures, i * 3, i * 3 + 3);
            assertArrayEquals(xs[xs.length - 3 + i], row);
        }
    }

    @Test
    void categoricalReplayNeedsTheSameVocabulary() {
        List<String> vocab = List.of("A", "B", "C");
        Model c1 = ServeFixtures.categorical(vocab, 1, 1);
        ModelServable s1 = new ModelServable(c1, config(SwapPolicy.REPLAY));
        KeyState s = s1.newState();
        String[] tokens = {"A", "B", "C", "C", "B"};
        for (int t = 0; t < tokens.length; t++) {
            s1.process(Event.categorical("k", t, tokens[t]), s);
        }
        Model c2 = ServeFixtures.categorical(vocab, 2, 2);
        new ModelServable(c2, config(SwapPolicy.REPLAY)).adopt(s);
        RecurrentNetwork net = c2.network();
        float[] ref = new float[net.stateSize()];
        float[] out = new float[net.outputSize()];
        for (String tok : tokens) {
            net.stepToken(vocab.indexOf(tok), ref, out, net.newWorkspace());
        }
        assertArrayEquals(ref, s.state);

        ModelMetadata renamed =
                ServeFixtures.metadata(CellKind.GRU, null, List.of("X", "Y", "Z"), null, 3);
        new ModelServable(new Model(c2.network(), renamed), config(SwapPolicy.REPLAY)).adopt(s);
        assertArrayEquals(new float[net.stateSize()], s.state, "other vocabulary: reset");
        assertEquals(0, s.ringCount);
    }
}
