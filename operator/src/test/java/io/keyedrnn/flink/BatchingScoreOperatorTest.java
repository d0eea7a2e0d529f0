package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.Vocabulary;
import io.keyedrnn.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * The micro-batching operator in Flink's harness: it steps its buffer when full, on a repeated key,
 * after its delay, on watermarks, model records, checkpoint barriers and the end of input, and its
 * output is the unbatched operator's, byte for byte and in order.
 */
class BatchingScoreOperatorTest {
    private static final Model V1 = TestModels.lstm(3, 6, 1, 11);
    private static final Model V2 = TestModels.lstm(3, 6, 2, 22);
    private static final Model SESSION_MODEL =
            new Model(
                    NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 4, 3, 5, 1), 7),
                    new ModelMetadata(
                            1,
                            null,
                            null,
                            null,
                            null,
                            List.of("a", "b", "c", Vocabulary.END),
                            null,
                            null,
                            1,
                            null));

    private static ScoringOptions options(int size, long delayMs) {
        return ScoringHarness.options(TestModels.bytes(V1)).batching(size, delayMs);
    }

    private static byte[] event(String key, int t) {
        return TestModels.event(key, 1000L * t, TestModels.features(key.charAt(0), t, 3));
    }

    @Test
    void batchedOutputIsTheUnbatchedOutput() throws Exception {
        for (int size : new int[] {2, 5, 32}) {
            List<String> unbatched = script(ScoringHarness.batched(options(1, 5), null));
            List<String> batched = script(ScoringHarness.batched(options(size, 5), null));
            assertEquals(unbatched, batched, "batch size " + size);
            assertTrue(unbatched.stream().anyMatch(l -> l.contains("\"model_version\":2,")));
            assertTrue(unbatched.stream().anyMatch(l -> l.startsWith("dead ")));
        }
    }

    /** Random keys, wrong feature counts, late events, a watermark and a swap; then the end. */
    private static List<String> script(ScoringHarness h) throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        try (h) {
            h.watermark(0);
            for (int t = 0; t < 300; t++) {
                String key = "k" + rnd.nextInt(9);
                int roll = rnd.nextInt(30);
                if (roll == 0) {
                    h.event(TestModels.event(key, 1000L * t, 1f, 2f));
                } else {
                    h.event(event(key, t));
                }
                if (t == 150) {
                    h.model(TestModels.bytes(V2));
                } else if (roll == 1) {
                    h.watermark(1000L * t);
                }
            }
            h.endOfInput();
            return output(h);
        }
    }

    @Test
    void sessionEndsAreTheUnbatchedOnes() throws Exception {
        List<Map<String, String>> sessions =
                List.of(
                        Map.of("session.gap.ms", "100"),
                        Map.of("session.gap.ms", "100", "session.end.state", "keep"),
                        Map.of("session.gap.ms", "100", "session.time", "processing"));
        for (Map<String, String> session : sessions) {
            List<String> unbatched = sessionScript(sessionOptions(session, 1));
            List<String> batched = sessionScript(sessionOptions(session, 4));
            assertEquals(unbatched, batched, session.toString());
            assertTrue(unbatched.stream().anyMatch(l -> l.contains("\"end\":true")), "ends");
        }
    }

    private static ScoringOptions sessionOptions(Map<String, String> session, int size) {
        return ScoringHarness.options(TestModels.bytes(SESSION_MODEL))
                .fields(EventFields.DEFAULT.withEnd("end"))
                .session(SessionConfig.from(Settings.of(session)))
                .batching(size, 5);
    }

    /** Token events of 5 keys: end markers, gaps past the session gap, watermarks. */
    private static List<String> sessionScript(ScoringOptions o) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        try (ScoringHarness h = ScoringHarness.batched(o, null)) {
            h.parser(EventParser.categorical(o.eventFields(), null));
            h.processingTime(0);
            long ts = 0;
            for (int t = 0; t < 300; t++) {
                ts += rnd.nextInt(40);
                int roll = rnd.nextInt(20);
                String token = roll == 0 ? null : "abc".substring(rnd.nextInt(3)).substring(0, 1);
                String json =
                        "{\"key\":\"k"
                                + rnd.nextInt(5)
                                + "\",\"ts\":"
                                + ts
                                + (token != null ? ",\"token\":\"" + token + "\"" : "")
                                + (roll <= 1 ? ",\"end\":true" : "")
                                + "}";
                h.event(json.getBytes(StandardCharsets.UTF_8));
                if (roll == 2) {
                    h.watermark(ts - 50);
                }
            }
            h.endOfInput();
            h.watermark(Long.MAX_VALUE);
            h.processingTime(1_000);
            return output(h);
        }
    }

    private static List<String> output(ScoringHarness h) {
        List<String> out = new ArrayList<>(h.predictions());
        for (DeadLetter d : h.deadLetters()) {
            out.add("dead " + d.reason + " " + d.key + " " + d.message);
        }
        return out;
    }

    @Test
    void eventsWaitUntilTheBufferIsFull() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(3, 5), null)) {
            h.event(event("a", 0));
            h.event(event("b", 0));
            assertEquals(0, h.predictions().size());
            h.event(event("c", 0));
            assertEquals(unbatched("a0", "b0", "c0"), h.predictions());
        }
    }

    @Test
    void aSecondEventOfABufferedKeyStepsTheBufferFirst() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.event(event("a", 0));
            h.event(event("b", 0));
            h.event(event("a", 1));
            assertEquals(unbatched("a0", "b0"), h.predictions());
            h.endOfInput();
            assertEquals(unbatched("a0", "b0", "a1"), h.predictions());
        }
    }

    @Test
    void theDelayStepsAWaitingBuffer() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.processingTime(100);
            h.event(event("a", 0));
            h.event(event("b", 0));
            h.processingTime(104);
            assertEquals(0, h.predictions().size());
            h.processingTime(105);
            assertEquals(unbatched("a0", "b0"), h.predictions());
        }
    }

    @Test
    void watermarksStepTheBuffer() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.event(event("a", 0));
            h.event(event("b", 0));
            h.watermark(10);
            assertEquals(unbatched("a0", "b0"), h.predictions());
        }
    }

    @Test
    void aModelRecordAppliesAfterTheBufferedEvents() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.event(event("a", 0));
            h.event(event("b", 0));
            h.model(TestModels.bytes(V2));
            List<String> before = h.predictions();
            assertEquals(unbatched("a0", "b0"), before);
            assertTrue(before.get(1).contains("\"model_version\":1,"));
            h.event(event("a", 1));
            h.endOfInput();
            assertTrue(h.predictions().get(2).contains("\"model_version\":2,"));
        }
    }

    @Test
    void aCheckpointHoldsEveryEventBeforeItsBarrier() throws Exception {
        OperatorSubtaskState snapshot;
        List<String> got;
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.event(event("a", 0));
            h.event(event("b", 0));
            snapshot = h.snapshot();
            got = new ArrayList<>(h.predictions());
        }
        assertEquals(unbatched("a0", "b0"), got);
        // The unbatched operator resumes from the batched one's checkpoint, and the other way.
        try (ScoringHarness h = ScoringHarness.batched(options(1, 5), snapshot)) {
            h.event(event("a", 1));
            got.addAll(h.predictions());
            snapshot = h.snapshot();
        }
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), snapshot)) {
            h.event(event("b", 1));
            h.endOfInput();
            got.addAll(h.predictions());
        }
        assertEquals(unbatched("a0", "b0", "a1", "b1"), got);
    }

    /**
     * On the heap backend a batched event's state is changed in place and not written back; the
     * checkpoint after such a round still holds every key's new state.
     */
    @Test
    void statesLeftInPlaceOnTheHeapAreInTheCheckpoint() throws Exception {
        OperatorSubtaskState snapshot;
        List<String> got;
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            assertTrue(h.function.storesByReference(), "heap backend, no time-to-live");
            h.event(event("a", 0));
            h.event(event("b", 0));
            h.snapshot(); // steps the round of new keys, which are written
            h.event(event("a", 1));
            h.event(event("b", 1));
            snapshot = h.snapshot(); // steps a round of existing keys: left in place
            got = new ArrayList<>(h.predictions());
        }
        try (ScoringHarness h = ScoringHarness.batched(options(1, 5), snapshot)) {
            h.event(event("a", 2));
            h.event(event("b", 2));
            got.addAll(h.predictions());
        }
        assertEquals(unbatched("a0", "b0", "a1", "b1", "a2", "b2"), got);
    }

    @Test
    void statesWithTimeToLiveAreWrittenBack() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5).stateTtlMs(60_000), null)) {
            assertFalse(h.function.storesByReference(), "a write refreshes the time-to-live");
        }
    }

    @Test
    void endOfInputStepsTheBuffer() throws Exception {
        try (ScoringHarness h = ScoringHarness.batched(options(8, 5), null)) {
            h.event(event("a", 0));
            assertEquals(0, h.predictions().size());
            h.endOfInput();
            assertEquals(unbatched("a0"), h.predictions());
        }
    }

    /** The unbatched operator's predictions for events named key + step ("a0", "b1"). */
    private static List<String> unbatched(String... events) throws Exception {
        try (ScoringHarness h = ScoringHarness.open(options(1, 5))) {
            for (String e : events) {
                h.event(event(e.substring(0, 1), Integer.parseInt(e.substring(1))));
            }
            return h.predictions();
        }
    }
}
