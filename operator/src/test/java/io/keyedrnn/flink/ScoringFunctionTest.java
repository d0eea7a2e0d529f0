package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.ScoringConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The keyed step in Flink's operator harness: same bytes as the servable, state, dead letters. */
class ScoringFunctionTest {
    private static final Model V1 = TestModels.lstm(3, 6, 1, 11);
    private static final Model V2 = TestModels.lstm(3, 6, 2, 22);
    private static final ScoringConfig CONFIG =
            ScoringConfig.fromMap(Map.of("ring.size", "4", "warmup.events", "2"));
    private static final String[] KEYS = {"a", "b", "c"};

    /** Sends steps [from, to) for every key, interleaved, to the harness and the expectation. */
    private static List<String> run(ScoringHarness h, ExpectedScores exp, int from, int to)
            throws Exception {
        List<String> expected = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < KEYS.length; k++) {
                float[] x = TestModels.features(k, t, 3);
                h.event(TestModels.event(KEYS[k], 1000L * t, x));
                expected.add(exp.score(KEYS[k], 1000L * t, x));
            }
        }
        return expected;
    }

    @Test
    void predictionsAreTheServablesBytesInEventOrder() throws Exception {
        ExpectedScores exp = new ExpectedScores(V1, CONFIG);
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(TestModels.bytes(V1)))) {
            List<String> expected = run(h, exp, 0, 12);
            assertEquals(expected, h.predictions());
            assertTrue(h.deadLetters().isEmpty());
        }
    }

    @Test
    void eventsBeforeAnyModelAreDeadLettersAndLeaveNoState() throws Exception {
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(null))) {
            RawRecord raw = h.event(TestModels.event("a", 5, 1f, 2f, 3f));
            assertTrue(h.predictions().isEmpty());
            DeadLetter d = h.deadLetters().get(0);
            assertEquals(JobReason.NO_MODEL.id(), d.reason);
            assertEquals("a", d.key);
            assertArrayEquals(raw.value, d.payload);
            // The first model arrives: key "a" starts from a fresh state, as if never seen.
            h.model(TestModels.bytes(V1));
            h.event(TestModels.event("a", 6, 1f, 2f, 3f));
            ExpectedScores exp = new ExpectedScores(V1, CONFIG);
            assertEquals(List.of(exp.score("a", 6, new float[] {1f, 2f, 3f})), h.predictions());
        }
    }

    @Test
    void refusedEventsAreDeadLettersAndDoNotTouchState() throws Exception {
        ScoringOptions late =
                new ScoringOptions()
                        .scoring(
                                Map.of("ring.size", "4", "warmup.events", "2", "lateness.ms", "10"))
                        .startupModel(TestModels.bytes(V1), "v1");
        ScoringConfig lateConfig = late.scoringConfig();
        ExpectedScores exp = new ExpectedScores(V1, lateConfig);
        List<String> expected = new ArrayList<>();
        try (ScoringHarness h = ScoringHarness.open(late)) {
            h.event(TestModels.event("a", 1000, 1f, 2f, 3f));
            expected.add(exp.score("a", 1000, new float[] {1f, 2f, 3f}));
            RawRecord wrong = h.event(TestModels.event("a", 1001, 1f, 2f));
            RawRecord old = h.event(TestModels.event("a", 900, 1f, 2f, 3f));
            h.event(TestModels.event("a", 1002, 3f, 2f, 1f));
            expected.add(exp.score("a", 1002, new float[] {3f, 2f, 1f}));
            assertEquals(expected, h.predictions());
            List<DeadLetter> dead = h.deadLetters();
            assertEquals(2, dead.size());
            assertEquals("wrong_feature_count", dead.get(0).reason);
            assertTrue(dead.get(0).message.contains("2 features"), dead.get(0).message);
            assertArrayEquals(wrong.value, dead.get(0).payload);
            assertEquals(wrong.offset, dead.get(0).offset);
            assertEquals("late_event", dead.get(1).reason);
            assertArrayEquals(old.value, dead.get(1).payload);
        }
    }

    @Test
    void newModelTakesOverEachKeyAtItsNextEventWithReplayedState() throws Exception {
        ExpectedScores exp = new ExpectedScores(V1, CONFIG);
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(TestModels.bytes(V1)))) {
            List<String> expected = run(h, exp, 0, 6);
            h.model(TestModels.bytes(V2));
            exp.swap(V2);
            expected.addAll(run(h, exp, 6, 9));
            List<String> got = h.predictions();
            assertEquals(expected, got);
            assertTrue(got.get(6 * KEYS.length - 1).contains("\"model_version\":1,"));
            assertTrue(got.get(6 * KEYS.length).contains("\"model_version\":2,"));
            assertTrue(h.deadLetters().isEmpty());
        }
    }

    @Test
    void olderBrokenOrMismatchedModelsAreRejectedAndTheOldOneStays() throws Exception {
        ExpectedScores exp = new ExpectedScores(V2, CONFIG);
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(TestModels.bytes(V2)))) {
            h.model(TestModels.bytes(V1));
            h.model("not a model".getBytes());
            h.model(TestModels.bytes(TestModels.lstm(4, 6, 3, 5)));
            h.model(TestModels.bytes(V2)); // a repeat of the model in use: ignored silently
            List<String> expected = run(h, exp, 0, 3);
            assertEquals(expected, h.predictions());
            List<String> reasons = new ArrayList<>();
            h.deadLetters().forEach(d -> reasons.add(d.reason));
            assertEquals(
                    List.of("model_not_newer", "model_invalid", "model_input_mismatch"), reasons);
        }
    }

    @Test
    void snapshotThenRestoreContinuesExactlyWithTheBroadcastModel() throws Exception {
        ExpectedScores exp = new ExpectedScores(V1, CONFIG);
        OperatorSubtaskState snapshot;
        List<String> expected;
        // No start-up model: the model comes from the broadcast input and must survive restore.
        try (ScoringHarness h = ScoringHarness.open(ScoringHarness.options(null))) {
            h.model(TestModels.bytes(V1));
            expected = run(h, exp, 0, 5);
            assertEquals(expected, h.predictions());
            snapshot = h.snapshot();
        }
        try (ScoringHarness h = ScoringHarness.restore(ScoringHarness.options(null), snapshot)) {
            List<String> more = run(h, exp, 5, 10);
            assertEquals(more, h.predictions());
            assertTrue(h.deadLetters().isEmpty());
        }
    }

    @Test
    void idleKeysExpireAfterTheStateTtl() throws Exception {
        ScoringOptions ttl = ScoringHarness.options(TestModels.bytes(V1)).stateTtlMs(1000);
        try (ScoringHarness h = ScoringHarness.open(ttl)) {
            h.harness.setStateTtlProcessingTime(0);
            h.event(TestModels.event("a", 1, 1f, 2f, 3f));
            h.event(TestModels.event("a", 2, 2f, 2f, 3f));
            h.harness.setStateTtlProcessingTime(5000);
            h.event(TestModels.event("a", 3, 3f, 2f, 3f));
            ExpectedScores fresh = new ExpectedScores(V1, CONFIG);
            String expected = fresh.score("a", 3, new float[] {3f, 2f, 3f});
            assertEquals(expected, h.predictions().get(2));
        }
    }
}
