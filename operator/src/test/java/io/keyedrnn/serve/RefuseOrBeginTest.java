package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass refuse-or-begin call ({@link ModelServable#begin}, {@link SessionStep#begin}) gives
 * the same refusals, outputs and key states as check then process, and a refusal leaves the key's
 * state as it was.
 */
class RefuseOrBeginTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", Vocabulary.END);
    private static final ScoringConfig CONFIG =
            ScoringConfig.DEFAULTS.withWarmupEvents(2).withAllowedLatenessMs(50);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void numericBeginThenStepEqualsCheckThenProcess(long seed) {
        Model v1 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, seed, 1);
        Model v2 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, seed + 50, 2);
        List<String> out = assertSamePaths(v1, v2, numericEvents(seed, 400));
        assertTrue(out.contains("refused non_finite_feature"), "overflowing normaliser covered");
        assertTrue(out.contains("refused late_event"), "lateness covered");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void categoricalBeginThenStepEqualsCheckThenProcess(long seed) {
        Model v1 = ServeFixtures.categorical(VOCAB, seed, 1);
        Model v2 = ServeFixtures.categorical(VOCAB, seed + 50, 2);
        List<String> out = assertSamePaths(v1, v2, tokenEvents(seed, 300));
        assertTrue(out.contains("refused unknown_token"), "unknown tokens covered");
    }

    @Test
    void guardFailuresAreTheSame() throws Exception {
        // A ReLU RNN whose weights grow the state each step: huge inputs overflow it.
        Model grown = ServeFixtures.numeric(CellKind.RNN_RELU, 4, 1, 7, 2);
        Arrays.fill(grown.network().layers().get(0).weightHh(), 1f);
        Arrays.fill(grown.network().layers().get(0).weightIh(), 1f);
        grown = ModelFile.read(ModelFile.toBytes(grown), "grown");
        Model v1 = ServeFixtures.numeric(CellKind.RNN_RELU, 4, 1, 7, 1);
        List<String> out = assertSamePaths(v1, grown, numericEvents(7, 300));
        assertTrue(out.stream().anyMatch(o -> o.startsWith("failed")), "guard failures covered");
    }

    @Test
    void stepNeedsATakenEvent() {
        ModelServable sv =
                new ModelServable(ServeFixtures.numeric(CellKind.GRU, 4, 1, 3, 1), CONFIG);
        KeyState s = sv.newState();
        assertThrows(IllegalStateException.class, sv::step);
        assertEquals(RejectReason.WRONG_FEATURE_COUNT, sv.begin(event("k", 1, 2), s));
        assertThrows(IllegalStateException.class, sv::step, "a refused event is not begun");
        float[] x = ServeFixtures.features(1, 5)[0];
        assertEquals(null, sv.begin(ServeFixtures.event("k", 1, x), s));
        sv.step();
        assertThrows(IllegalStateException.class, sv::step, "one step per begin");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sessionBeginThenFinishEqualsCheckThenApply(boolean clearState) {
        Model m = ServeFixtures.categorical(VOCAB, 11, 1);
        SessionConfig sessions =
                new SessionConfig(100, SessionConfig.SessionTime.EVENT, clearState);
        List<Event> events = tokenEvents(11, 400);
        SplittableRandom rnd = new SplittableRandom(11);
        for (Event e : events) {
            int roll = rnd.nextInt(12);
            if (roll == 0) {
                e.setEnd(true);
            } else if (roll == 1) {
                e.setTimestamp(e.getTimestamp() + 400); // after the gap: the session ended
            }
        }
        events.add(Event.endOf("k1", 1_000_000));
        List<String> expected = new SessionRun(new SessionStep(sv(m), sessions)).checkApply(events);
        List<String> actual = new SessionRun(new SessionStep(sv(m), sessions)).beginFinish(events);
        assertEquals(expected, actual);
        assertTrue(expected.stream().anyMatch(o -> o.contains("\"end\":true")), "ends covered");
        assertTrue(expected.contains("refused late_event"), "refusals covered");
    }

    /** One key-state map run through a session step, by either pair of calls. */
    private static final class SessionRun implements SessionStep.Output {
        private final SessionStep step;
        private final PredictionJson json = new PredictionJson(true);
        private final Map<String, KeyState> keys = new HashMap<>();
        private final Map<String, Long> ends = new HashMap<>();
        private final List<String> out = new ArrayList<>();

        SessionRun(SessionStep step) {
            this.step = step;
        }

        List<String> checkApply(List<Event> events) {
            for (Event e : events) {
                KeyState s = keys.computeIfAbsent(e.getKey(), k -> step.servable().newState());
                RejectReason why = step.check(e, s);
                if (why != null) {
                    out.add("refused " + why.id());
                    continue;
                }
                after(e, step.apply(e, s, end(e), this::prediction, this::nonFinite));
            }
            return out;
        }

        List<String> beginFinish(List<Event> events) {
            for (Event e : events) {
                KeyState s = keys.computeIfAbsent(e.getKey(), k -> step.servable().newState());
                KeyState before = s.copy();
                RejectReason why = step.begin(e, s, end(e));
                if (why != null) {
                    assertEquals(before, s, "a refused event leaves the state untouched");
                    out.add("refused " + why.id());
                    continue;
                }
                after(e, step.finish(e, s, end(e), this));
            }
            return out;
        }

        private long end(Event e) {
            return ends.getOrDefault(e.getKey(), SessionStep.NO_END);
        }

        private void after(Event e, KeyState s) {
            ends.put(e.getKey(), step.pendingEnd(e, s));
            if (s == null) {
                keys.remove(e.getKey());
            }
        }

        @Override
        public void prediction(Prediction p) {
            out.add(text(json, p));
        }

        @Override
        public void nonFinite(String why) {
            out.add("failed " + why);
        }
    }

    /** Keys first see a few events under v1 (so v2 adopts them), then the stream under v2. */
    private static List<String> assertSamePaths(Model v1, Model v2, List<Event> events) {
        Map<String, KeyState> twoPass = warmedKeys(v1, events);
        Map<String, KeyState> onePass = new HashMap<>();
        twoPass.forEach((k, s) -> onePass.put(k, s.copy()));
        ModelServable checked = sv(v2);
        ModelServable begun = sv(v2);
        PredictionJson json = new PredictionJson(true);
        List<String> expected = new ArrayList<>();
        for (Event e : events) {
            KeyState s = twoPass.computeIfAbsent(e.getKey(), k -> checked.newState());
            RejectReason why = checked.check(e, s);
            expected.add(
                    why != null
                            ? "refused " + why.id()
                            : output(checked.process(e, s), checked, json));
            KeyState t = onePass.computeIfAbsent(e.getKey(), k -> begun.newState());
            KeyState before = t.copy();
            RejectReason began = begun.begin(e, t);
            if (began != null) {
                assertEquals(before, t, "a refused event leaves the state untouched");
            }
            String actual =
                    began != null ? "refused " + began.id() : output(begun.step(), begun, json);
            assertEquals(expected.get(expected.size() - 1), actual, e.toString());
        }
        assertEquals(twoPass, onePass, "key states");
        assertTrue(expected.stream().anyMatch(o -> o.startsWith("{")), "something scored");
        return expected;
    }

    private static String output(Prediction p, ModelServable sv, PredictionJson json) {
        return p == null ? "failed " + sv.lastFailure() : text(json, p);
    }

    private static Map<String, KeyState> warmedKeys(Model v1, List<Event> events) {
        ModelServable sv = sv(v1);
        Map<String, KeyState> keys = new HashMap<>();
        for (Event e : events.subList(0, 20)) {
            sv.process(e, keys.computeIfAbsent(e.getKey(), k -> sv.newState()));
        }
        return keys;
    }

    private static ModelServable sv(Model m) {
        return new ModelServable(m, CONFIG);
    }

    private static String text(PredictionJson json, Prediction p) {
        return new String(json.toBytes(p), StandardCharsets.UTF_8);
    }

    private static Event event(String key, long ts, int features) {
        return Event.numeric(key, ts, new float[features]);
    }

    /** Numeric events of 5 keys, with wrong counts, overflow, huge values and late times. */
    private static List<Event> numericEvents(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] xs = ServeFixtures.features(n, seed);
        List<Event> events = new ArrayList<>();
        long ts = 1_000;
        for (int t = 0; t < n; t++) {
            float[] x = xs[t];
            int roll = rnd.nextInt(30);
            if (roll == 0) {
                x = new float[] {1f, 2f};
            } else if (roll == 1) {
                x[rnd.nextInt(x.length)] = 3e38f; // finite, overflows the normaliser
            } else if (roll == 2) {
                Arrays.fill(x, 1e30f); // finite after the normaliser; a cell may overflow
            }
            ts += rnd.nextInt(20);
            events.add(Event.numeric("k" + rnd.nextInt(5), roll == 3 ? ts - 500 : ts, x));
        }
        return events;
    }

    /** Token events of 5 keys, with unknown tokens and late times. */
    private static List<Event> tokenEvents(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>();
        long ts = 1_000;
        for (int t = 0; t < n; t++) {
            int roll = rnd.nextInt(25);
            String token = roll == 0 ? "zz" : VOCAB.get(rnd.nextInt(3));
            ts += rnd.nextInt(20);
            events.add(Event.categorical("k" + rnd.nextInt(5), roll == 1 ? ts - 500 : ts, token));
        }
        return events;
    }
}
