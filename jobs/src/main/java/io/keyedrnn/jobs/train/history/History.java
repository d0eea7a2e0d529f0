package io.keyedrnn.jobs.train.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bounded history a training run learns from: every key's events in time order, sorted by key
 * so a run does not depend on the order the reading job returned them in, and the skip counts.
 *
 * @param source where the history came from, for the report and the metadata
 */
public record History(List<KeyHistory> keys, SkipCounts skipped, String source) {

    /** Collects the reading job's output, joining each key's parts in order. */
    public static History collect(Iterator<HistoryRecord> records, String source) {
        Map<String, TreeMap<Integer, HistoryRecord>> parts = new TreeMap<>();
        SkipCounts skipped = new SkipCounts();
        while (records.hasNext()) {
            HistoryRecord r = records.next();
            if (r.isSkipCount()) {
                skipped.events(r.reason, r.count, r.example);
            } else {
                parts.computeIfAbsent(r.key, k -> new TreeMap<>()).put(r.part, r);
            }
        }
        List<KeyHistory> keys = new ArrayList<>();
        parts.forEach((key, p) -> keys.add(join(key, new ArrayList<>(p.values()))));
        return new History(keys, skipped, source);
    }

    private static KeyHistory join(String key, List<HistoryRecord> parts) {
        int n = 0;
        for (HistoryRecord p : parts) {
            n += p.ts.length;
        }
        boolean numeric = parts.get(0).rows != null;
        long[] ts = new long[n];
        float[][] rows = numeric ? new float[n][] : null;
        String[] tokens = numeric ? null : new String[n];
        int at = 0;
        for (HistoryRecord p : parts) {
            int len = p.ts.length;
            System.arraycopy(p.ts, 0, ts, at, len);
            if (numeric) {
                System.arraycopy(p.rows, 0, rows, at, len);
            } else {
                System.arraycopy(p.tokens, 0, tokens, at, len);
            }
            at += len;
        }
        return new KeyHistory(key, ts, rows, tokens);
    }

    public long eventCount() {
        long n = 0;
        for (KeyHistory k : keys) {
            n += k.length();
        }
        return n;
    }
}
