package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batched serving equals the per-event path bit for bit: the same outputs (byte-identical JSON with
 * state), refusals and guard failures, and the same key states, over random batches and key mixes.
 */
class ServableBatchTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", "d", Vocabulary.END);
    private static final ScoringConfig CONFIG =
            ScoringConfig.DEFAULTS.withWarmupEvents(2).withAllowedLatenessMs(50);

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void numericBatchesMatchPerEventSteps(CellKind cell) {
        List<String> all = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            Model v1 = ServeFixtures.numeric(cell, 5, 2, seed, 1);
            Model v2 = ServeFixtures.numeric(cell, 5, 2, seed + 100, 2);
            all.addAll(assertSame(v1, v2, numericEvents(seed, 300), seed));
        }
        assertTrue(all.contains("refused non_finite_feature"), "overflowing normaliser covered");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void guardFailuresMatchPerEventSteps(long seed) throws Exception {
        // A ReLU RNN whose weights grow the state each step: huge inputs overflow it.
        Model v1 = ServeFixtures.numeric(CellKind.RNN_RELU, 4, 1, seed, 1);
        Model v2 = ServeFixtures.numeric(CellKind.RNN_RELU, 4, 1, seed, 2);
        Arrays.fill(v2.network().layers().get(0).weightHh(), 1f);
        Arrays.fill(v2.network().layers().get(0).weightIh(), 1f);
        v2 = ModelFile.read(ModelFile.toBytes(v2), "grown"); // the layer reads its weights once
        List<String> out = assertSame(v1, v2, numericEvents(seed, 300), seed);
        assertTrue(out.stream().anyMatch(o -> o.startsWith("failed")), "guard failures covered");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void categoricalBatchesMatchPerEventSteps(long seed) {
        Model v1 = ServeFixtures.categorical(VOCAB, seed, 1);
        Model v2 = ServeFixtures.categorical(VOCAB, seed + 100, 2);
        assertSame(v1, v2, tokenEvents(seed, 300), seed);
    }

    @Test
    void aKeyTakesOneSlotPerBatch() {
        ModelServable sv =
                new ModelServable(ServeFixtures.numeric(CellKind.GRU, 4, 1, 3, 1), CONFIG);
        ServableBatch batch = new ServableBatch(sv, 4);
        KeyState s = sv.newState();
        float[] x = ServeFixtures.features(1, 9)[0];
        batch.add(ServeFixtures.event("k", 1, x), s);
        batch.add(ServeFixtures.event("k", 2, x), s);
        assertThrows(IllegalArgumentException.class, batch::step);
    }

    /** Keys first see a few events under v1 (so v2 adopts them), then the stream under v2. */
    private static List<String> assertSame(Model v1, Model v2, List<Event> events, long seed) {
        Map<String, KeyState> seq = warmedKeys(v1, events);
        Map<String, KeyState> bat = copies(seq);
        List<String> expected = perEvent(new ModelServable(v2, CONFIG), events, seq);
        List<String> actual = batched(new ModelServable(v2, CONFIG), events, bat, seed);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "event " + i + ", seed " + seed);
        }
        assertEquals(seq, bat, "key states, seed " + seed);
        assertTrue(expected.stream().anyMatch(o -> o.startsWith("ok")), "something scored");
        assertTrue(expected.stream().anyMatch(o -> o.startsWith("refused")), "refusals covered");
        return expected;
    }

    private static Map<String, KeyState> warmedKeys(Model v1, List<Event> events) {
        ModelServable sv = new ModelServable(v1, CONFIG);
        Map<String, KeyState> keys = new HashMap<>();
        for (Event e : events.subList(0, 20)) {
            KeyState s = keys.computeIfAbsent(e.getKey(), k -> sv.newState());
            sv.process(e, s);
        }
        return keys;
    }

    private static Map<String, KeyState> copies(Map<String, KeyState> keys) {
        Map<String, KeyState> c = new HashMap<>();
        keys.forEach((k, s) -> c.put(k, s.copy()));
        return c;
    }

    private static List<String> perEvent(
            ModelServable sv, List<Event> events, Map<String, KeyState> keys) {
        PredictionJson json = new PredictionJson(true);
        List<String> out = new ArrayList<>();
        for (Event e : events) {
            KeyState s = keys.computeIfAbsent(e.getKey(), k -> sv.newState());
            RejectReason why = sv.check(e, s);
            if (why != null) {
                out.add("refused " + why.id());
                continue;
            }
            Prediction p = sv.process(e, s);
            out.add(p == null ? "failed " + sv.lastFailure() : "ok " + text(json, p));
        }
        return out;
    }

    /** Random batch capacities; a key already in the batch steps it first. */
    private static List<String> batched(
            ModelServable sv, List<Event> events, Map<String, KeyState> keys, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PredictionJson json = new PredictionJson(true);
        ServableBatch batch = new ServableBatch(sv, 1 + rnd.nextInt(9));
        List<String> out = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (Event e : events) {
            boolean taken =
                    pending.stream()
                            .anyMatch(i -> i >= 0 && batch.event(i).getKey().equals(e.getKey()));
            if (taken || batch.size() == batch.capacity() || rnd.nextInt(10) == 0) {
                drain(batch, pending, out, json);
            }
            KeyState s = keys.computeIfAbsent(e.getKey(), k -> sv.newState());
            RejectReason why = batch.add(e, s);
            pending.add(why == null ? batch.size() - 1 : -1);
            out.add(why == null ? null : "refused " + why.id());
        }
        drain(batch, pending, out, json);
        return out;
    }

    private static void drain(
            ServableBatch batch, List<Integer> pending, List<String> out, PredictionJson json) {
        batch.step();
        int first = out.size() - pending.size();
        for (int j = 0; j < pending.size(); j++) {
            int i = pending.get(j);
            if (i >= 0) {
                Prediction p = batch.result(i);
                out.set(
                        first + j,
                        p == null ? "failed " + batch.failure(i) : "ok " + text(json, p));
            }
        }
        pending.clear();
        batch.clear();
    }

    private static String text(PredictionJson json, Prediction p) {
        assertNotNull(p);
        return new String(json.toBytes(p), StandardCharsets.UTF_8);
    }

    /** Numeric events of 7 keys, with wrong counts, overflow, huge values and late times. */
    private static List<Event> numericEvents(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] xs = ServeFixtures.features(n, seed);
        List<Event> events = new ArrayList<>();
        long ts = 1_000;
        for (int t = 0; t < n; t++) {
            String key = "k" + rnd.nextInt(7);
            float[] x = xs[t];
            int roll = rnd.nextInt(40);
            if (roll == 0) {
                x = new float[] {1f, 2f};
            } else if (roll == 1) {
                x[rnd.nextInt(x.length)] = 3e38f; // finite, overflows the normaliser
            } else if (roll == 2) {
                Arrays.fill(x, 1e30f); // finite after the normaliser; a cell may overflow
            }
            ts += rnd.nextInt(20);
            long at = roll == 3 ? ts - 500 : ts;
            events.add(Event.numeric(key, at, x));
        }
        return events;
    }

    /** Token events of 7 keys, with unknown tokens and late times. */
    private static List<Event> tokenEvents(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Event> events = new ArrayList<>();
        long ts = 1_000;
        for (int t = 0; t < n; t++) {
            String key = "k" + rnd.nextInt(7);
            int roll = rnd.nextInt(30);
            String token = roll == 0 ? "zz" : VOCAB.get(rnd.nextInt(4));
            ts += rnd.nextInt(20);
            events.add(Event.categorical(key, roll == 1 ? ts - 500 : ts, token));
        }
        return events;
    }
}
