package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finite inputs that overflow float in the normaliser or the cell are dead letters, not NaN. */
class NonFiniteStepTest {
    private static final Map<String, String> SCORING = Map.of("ring.size", "4");

    private static Model model(CellKind cell, Normalizer norm, long seed) {
        ModelMetadata m =
                new ModelMetadata(
                        1, cell.id(), "linear", "numeric", null, null, norm, null, 1, null);
        return new Model(NetworkFactory.random(NetworkSpec.numeric(cell, 3, 6, 1), seed), m);
    }

    @Test
    void featuresThatOverflowInTheNormaliserAreRefusedAndTheKeyScoresOn() throws Exception {
        Normalizer norm = new Normalizer(new float[3], new float[] {0.01f, 0.01f, 1f});
        Model model = model(CellKind.LSTM, norm, 5);
        ScoringOptions o =
                new ScoringOptions().scoring(SCORING).startupModel(TestModels.bytes(model), "m");
        ExpectedScores exp = new ExpectedScores(model, ScoringConfig.fromMap(SCORING));
        try (ScoringHarness h = ScoringHarness.open(o)) {
            h.event(TestModels.event("a", 1, 1f, 2f, 3f));
            h.event(TestModels.event("a", 2, 3e38f, -3e38f, 1f));
            h.event(TestModels.event("a", 3, 2f, 1f, 3f));
            List<DeadLetter> dead = h.deadLetters();
            assertEquals(1, dead.size());
            assertEquals(RejectReason.NON_FINITE_FEATURE.id(), dead.get(0).reason);
            assertEquals("a", dead.get(0).key);
            assertTrue(dead.get(0).message.contains("normaliser"), dead.get(0).message);
            assertEquals(
                    List.of(
                            exp.score("a", 1, new float[] {1f, 2f, 3f}),
                            exp.score("a", 3, new float[] {2f, 1f, 3f})),
                    h.predictions());
        }
    }

    @Test
    void aStepThatOverflowsIsADeadLetterAndTheKeyKeepsItsState() throws Exception {
        // A ReLU RNN whose recurrent weights grow the state sixfold a step: it overflows soon.
        Model model = model(CellKind.RNN_RELU, null, 3);
        Arrays.fill(model.network().layers().get(0).weightHh(), 1f);
        Arrays.fill(model.network().layers().get(0).weightIh(), 1f);
        ScoringOptions o =
                new ScoringOptions().scoring(SCORING).startupModel(TestModels.bytes(model), "m");
        try (ScoringHarness h = ScoringHarness.open(o)) {
            for (int t = 0; t < 30; t++) {
                h.event(TestModels.event("a", t, 1e30f, 2e30f, 3e30f));
            }
            h.event(TestModels.event("b", 100, 0.1f, 0.2f, 0.3f));
            List<DeadLetter> dead = h.deadLetters();
            assertFalse(dead.isEmpty(), "the state overflows: " + h.predictions());
            for (DeadLetter d : dead) {
                assertEquals(RejectReason.NON_FINITE_STATE.id(), d.reason);
                assertEquals("a", d.key);
                assertTrue(d.message.contains("keeps its previous state"), d.message);
            }
            List<String> predictions = h.predictions();
            assertEquals(31 - dead.size(), predictions.size());
            for (String p : predictions) {
                assertFalse(p.contains("null"), p);
            }
        }
    }
}
