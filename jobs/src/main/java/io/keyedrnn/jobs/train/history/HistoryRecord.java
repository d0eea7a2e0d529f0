package io.keyedrnn.jobs.train.history;

import java.util.ArrayList;
import java.util.List;

/**
 * What the reading job sends back to the client (a Flink POJO): one key's events in time order, or
 * the number of records skipped for one reason with an example message.
 */
public final class HistoryRecord {
    public String key;

    /** Index of this part of the key's events (long histories travel in several parts). */
    public int part;

    public long[] ts;

    /** Numeric features per event, or null for a categorical key. */
    public float[][] rows;

    /** Tokens per event, or null for a numeric key. */
    public String[] tokens;

    /** Set for a skip count instead of a key. */
    public String reason;

    public long count;
    public String example;

    public HistoryRecord() {}

    /** A skip count of 1 for one rejected record. */
    public static HistoryRecord skipped(String reason, String message) {
        HistoryRecord r = new HistoryRecord();
        r.reason = reason;
        r.count = 1;
        r.example = message;
        return r;
    }

    /** Two skip counts of one reason added up, keeping the first example. */
    public static HistoryRecord sum(HistoryRecord a, HistoryRecord b) {
        HistoryRecord r = skipped(a.reason, a.example != null ? a.example : b.example);
        r.count = a.count + b.count;
        return r;
    }

    /**
     * A key's events sorted by time, ties by source and position, in parts of at most {@code
     * partSize} events (so no record outgrows the collect channel). Modified: events (sorted).
     */
    public static List<HistoryRecord> series(String key, List<ParsedEvent> events, int partSize) {
        events.sort(ParsedEvent::compare);
        List<HistoryRecord> parts = new ArrayList<>();
        for (int from = 0; from < events.size(); from += partSize) {
            parts.add(
                    part(
                            key,
                            parts.size(),
                            events.subList(from, Math.min(events.size(), from + partSize))));
        }
        return parts;
    }

    private static HistoryRecord part(String key, int index, List<ParsedEvent> events) {
        HistoryRecord r = new HistoryRecord();
        r.key = key;
        r.part = index;
        int n = events.size();
        r.ts = new long[n];
        boolean numeric = events.get(0).features != null;
        if (numeric) {
            r.rows = new float[n][];
        } else {
            r.tokens = new String[n];
        }
        for (int i = 0; i < n; i++) {
            ParsedEvent e = events.get(i);
            r.ts[i] = e.ts;
            if (numeric) {
                r.rows[i] = e.features;
            } else {
                r.tokens[i] = e.token;
            }
        }
        r.count = n;
        return r;
    }

    public boolean isSkipCount() {
        return reason != null;
    }
}
