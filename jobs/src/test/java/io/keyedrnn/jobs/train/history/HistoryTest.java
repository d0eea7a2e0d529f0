package io.keyedrnn.jobs.train.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys sorted by time (ties by origin), split into parts and joined back in order. */
class HistoryTest {
    private static ParsedEvent ev(String key, long ts, float x, int source, long position) {
        return new ParsedEvent(key, ts, new float[] {x}, null, source, position);
    }

    @Test
    void seriesAreSortedAndRejoinedFromParts() {
        List<ParsedEvent> a = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            a.add(ev("a", 100 - 10 * (i / 2), i, i % 2, i));
        }
        a.add(ev("a", ParsedEvent.NO_TIMESTAMP, -1, 0, 0));
        Collections.shuffle(a, new java.util.Random(3));
        List<HistoryRecord> records = new ArrayList<>(HistoryRecord.series("a", a, 3));
        assertEquals(4, records.size());
        records.add(HistoryRecord.skipped("invalid_json", "f:1: bad"));
        records.add(
                HistoryRecord.sum(
                        HistoryRecord.skipped("invalid_json", "f:9: bad"),
                        HistoryRecord.skipped("invalid_json", null)));
        records.add(
                0,
                HistoryRecord.series("b", new ArrayList<>(List.of(ev("b", 1, 5, 0, 0))), 3).get(0));
        Collections.reverse(records);
        History h = History.collect(records.iterator(), "test");
        assertEquals(List.of("a", "b"), h.keys().stream().map(KeyHistory::key).toList());
        KeyHistory k = h.keys().get(0);
        assertArrayEquals(
                new long[] {ParsedEvent.NO_TIMESTAMP, 60, 60, 70, 70, 80, 80, 90, 90, 100, 100},
                k.ts());
        // Equal times: source 0 (even i) before source 1 (odd i).
        float[] xs = new float[k.length()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = k.rows()[i][0];
        }
        assertArrayEquals(new float[] {-1, 8, 9, 6, 7, 4, 5, 2, 3, 0, 1}, xs);
        assertEquals(Map.of("invalid_json", 3L), h.skipped().events());
        assertEquals(12, h.eventCount());
    }
}
