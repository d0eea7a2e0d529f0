package io.keyedrnn.serve;

import static io.keyedrnn.serve.ServeFixtures.event;
import static io.keyedrnn.serve.ServeFixtures.features;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key whose ring entries live in a {@link RingStore} scores, swaps and resizes exactly as one
 * whose entries live in its state's arrays; an event writes one entry and reads none.
 */
class RingStoreTest {
    private static final int RING = 5;
    private static final int F = ServeFixtures.FEATURES;
    private final Model v1 = ServeFixtures.numeric(CellKind.LSTM, 5, 2, 1, 1);
    private final Model v2 = ServeFixtures.numeric(CellKind.GRU, 6, 1, 2, 2);
    private final float[][] xs = features(13, 4);

    private static ScoringConfig config(int ring) {
        return ScoringConfig.DEFAULTS.withRingSize(ring).withWarmupEvents(2);
    }

    /** Scores from..to-1 of xs; the outputs as text. */
    private List<String> run(ModelServable sv, KeyState s, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            Prediction p = sv.process(event("k", t, xs[t]), s);
            out.add(p.score + " " + java.util.Arrays.toString(p.values));
        }
        return out;
    }

    @Test
    void anEventWritesOneEntryAndReadsNone() {
        ModelServable sv = new ModelServable(v1, config(RING));
        KeyState s = sv.newState();
        MapRingStore store = new MapRingStore();
        Ring.attach(s, store);
        run(sv, s, 0, 8);
        assertEquals(8, store.writes);
        assertEquals(0, store.reads);
        assertEquals(0, store.clears);
        assertEquals(RING, store.features.size());
        assertArrayEquals(xs[7], store.features.get(2)); // slot (8 - 1) % 5
    }

    @Test
    void swapReplayAndResizeMatchTheInlineRing() {
        KeyState inline = new ModelServable(v1, config(RING)).newState();
        KeyState stored = inline.copy();
        MapRingStore store = new MapRingStore();
        Ring.attach(stored, store);
        List<List<String>> outs = new ArrayList<>();
        for (KeyState s : new KeyState[] {inline, stored}) {
            List<String> out = new ArrayList<>(run(new ModelServable(v1, config(RING)), s, 0, 7));
            out.addAll(run(new ModelServable(v2, config(RING)), s, 7, 9)); // swap: replay
            out.addAll(run(new ModelServable(v2, config(3)), s, 9, 11)); // smaller ring
            out.addAll(run(new ModelServable(v1, config(6)), s, 11, 13)); // larger, swap back
            outs.add(out);
        }
        assertEquals(outs.get(0), outs.get(1));
        assertArrayEquals(inline.state, stored.state);
        assertEquals(inline.ringCount, stored.ringCount);
        assertEquals(inline.ringHead, stored.ringHead);
        assertEquals(inline.stepsSinceReset, stored.stepsSinceReset);
        assertEquals(0, stored.ringFeatures.length);
        // The resize to 3 rewrote the ring: nothing beyond its capacity was left behind then.
        assertEquals(stored.ringCount, store.features.size());
    }

    @Test
    void anExpiredEntryIsLeftOutOfTheReplay() {
        ModelServable sv = new ModelServable(v1, config(RING));
        KeyState s = sv.newState();
        MapRingStore store = new MapRingStore();
        Ring.attach(s, store);
        run(sv, s, 0, 7);
        store.features.remove(Ring.oldest(s)); // what a time-to-live drops first
        new ModelServable(v2, config(RING)).adopt(s);
        assertEquals(RING - 1, s.stepsSinceReset);
    }

    @Test
    void inlineEntriesMoveToTheStoreInOrder() {
        ModelServable sv = new ModelServable(v1, config(RING));
        KeyState s = sv.newState();
        run(sv, s, 0, 7);
        KeyState copy = s.copy();
        MapRingStore store = new MapRingStore();
        Ring.attach(s, store);
        assertEquals(RING, store.writes);
        for (int slot = 0; slot < RING; slot++) {
            float[] row = java.util.Arrays.copyOfRange(copy.ringFeatures, slot * F, slot * F + F);
            assertArrayEquals(row, store.features.get(slot));
        }
        assertEquals(0, s.ringFeatures.length);
    }

    @Test
    void aTokenRingLivesInTheStoreToo() {
        Model m = ServeFixtures.categorical(List.of("a", "b", "c"), 3, 1);
        Model m2 = ServeFixtures.categorical(List.of("a", "b", "c"), 4, 2);
        KeyState inline = new ModelServable(m, config(3)).newState();
        KeyState stored = inline.copy();
        MapRingStore store = new MapRingStore();
        Ring.attach(stored, store);
        String[] tokens = {"a", "c", "b", "b", "a"};
        for (KeyState s : new KeyState[] {inline, stored}) {
            ModelServable sv = new ModelServable(m, config(3));
            for (int t = 0; t < tokens.length; t++) {
                sv.process(Event.categorical("k", t, tokens[t]), s);
            }
            new ModelServable(m2, config(3)).adopt(s);
        }
        assertEquals(3, store.tokens.size());
        assertArrayEquals(inline.state, stored.state);
        assertArrayEquals(inline.prediction, stored.prediction);
    }
}
