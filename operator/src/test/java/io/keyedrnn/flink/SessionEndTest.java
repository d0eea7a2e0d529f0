package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Session ends in the keyed step: the end field, an event-time gap (watermark timer, and an event
 * past the gap), a processing-time gap, the keep policy, and a pending timer across a snapshot.
 */
class SessionEndTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", Vocabulary.END);
    private static final EventFields FIELDS = EventFields.DEFAULT.withEnd("end");
    private static final Model MODEL =
            new Model(
                    NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 4, 3, 5, 1), 7),
                    new ModelMetadata(1, null, null, null, null, VOCAB, null, null, 1, null));

    private static ScoringOptions options(Map<String, String> session) {
        return ScoringHarness.options(TestModels.bytes(MODEL))
                .fields(FIELDS)
                .session(SessionConfig.from(io.keyedrnn.settings.Settings.of(session)));
    }

    private static ScoringHarness open(ScoringOptions o) throws Exception {
        return ScoringHarness.open(o).parser(EventParser.categorical(FIELDS, null));
    }

    private static byte[] event(String token, long ts, boolean end) {
        return ("{\"key\":\"s\",\"ts\":"
                        + ts
                        + (token != null ? ",\"token\":\"" + token + "\"" : "")
                        + (end ? ",\"end\":true" : "")
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the servable itself gives for a script of steps on one key, as JSON lines. */
    private static final class Expected {
        final ModelServable sv;
        final PredictionJson json = new PredictionJson(false);
        final List<String> lines = new ArrayList<>();
        KeyState s;

        Expected(ScoringOptions o) {
            sv = new ModelServable(MODEL, o.scoringConfig());
            s = sv.newState();
        }

        Expected token(String t, long ts) {
            lines.add(text(json.toBytes(sv.process(Event.categorical("s", ts, t), s))));
            return this;
        }

        Expected end(long ts, boolean clear) {
            lines.add(text(json.toBytes(sv.processEnd("s", ts, s))));
            if (clear) {
                s = sv.newState();
            }
            return this;
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static long ends(List<String> lines) {
        return lines.stream().filter(l -> l.contains("\"end\":true")).count();
    }

    @Test
    void theEndFieldScoresEndOnceAndClearsTheKey() throws Exception {
        ScoringOptions o = options(Map.of());
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 1, false));
            h.event(event("b", 2, true));
            h.event(event("c", 3, false));
            h.event(event(null, 4, true));
            Expected x = new Expected(o).token("a", 1).token("b", 2).end(2, true);
            x.token("c", 3).end(4, true);
            assertEquals(x.lines, h.predictions());
            assertEquals(2, ends(h.predictions()));
            assertTrue(h.predictions().get(2).contains("\"rank\":"), "the end is scored");
        }
    }

    @Test
    void anEventTimeGapEndsTheSessionOnceWhenTheWatermarkPassesIt() throws Exception {
        ScoringOptions o = options(Map.of("session.gap.ms", "100"));
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 10, false));
            h.event(event("b", 50, false));
            h.watermark(149);
            assertEquals(2, h.predictions().size());
            h.watermark(150);
            h.watermark(10_000);
            assertEquals(
                    new Expected(o).token("a", 10).token("b", 50).end(150, true).lines,
                    h.predictions());
        }
    }

    @Test
    void anEventPastTheGapEndsTheSessionBeforeItself() throws Exception {
        ScoringOptions o = options(Map.of("session.gap.ms", "100"));
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 10, false));
            h.event(event("b", 111, false));
            h.watermark(10_000);
            Expected x = new Expected(o).token("a", 10).end(110, true).token("b", 111);
            assertEquals(x.end(211, true).lines, h.predictions());
        }
    }

    @Test
    void anEventAtTheGapContinuesTheSession() throws Exception {
        ScoringOptions o = options(Map.of("session.gap.ms", "100"));
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 10, false));
            h.event(event("b", 110, false));
            h.watermark(10_000);
            Expected x = new Expected(o).token("a", 10).token("b", 110).end(210, true);
            assertEquals(x.lines, h.predictions());
        }
    }

    @Test
    void keepCarriesTheStateThroughTheEnd() throws Exception {
        ScoringOptions o = options(Map.of("session.end.state", "keep"));
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 1, true));
            h.event(event("b", 2, false));
            assertEquals(
                    new Expected(o).token("a", 1).end(1, false).token("b", 2).lines,
                    h.predictions());
        }
    }

    @Test
    void aProcessingTimeGapFiresOnTheWallClock() throws Exception {
        ScoringOptions o = options(Map.of("session.gap.ms", "100", "session.time", "processing"));
        try (ScoringHarness h = open(o)) {
            h.processingTime(1_000);
            h.event(event("a", 1, false));
            h.processingTime(1_050);
            h.event(event("b", 2, false));
            h.processingTime(1_149);
            assertEquals(2, h.predictions().size());
            h.processingTime(1_150);
            h.processingTime(5_000);
            assertEquals(
                    new Expected(o).token("a", 1).token("b", 2).end(1_150, true).lines,
                    h.predictions());
        }
    }

    @Test
    void aPendingGapSurvivesSnapshotAndRestore() throws Exception {
        ScoringOptions o = options(Map.of("session.gap.ms", "100"));
        OperatorSubtaskState snap;
        try (ScoringHarness h = open(o)) {
            h.event(event("a", 10, false));
            snap = h.snapshot();
        }
        try (ScoringHarness h =
                ScoringHarness.restore(o, snap).parser(EventParser.categorical(FIELDS, null))) {
            h.watermark(10_000);
            Expected x = new Expected(o).token("a", 10);
            x.lines.clear();
            assertEquals(x.end(110, true).lines, h.predictions());
        }
    }
}
