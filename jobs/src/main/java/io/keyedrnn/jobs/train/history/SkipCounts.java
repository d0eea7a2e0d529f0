package io.keyedrnn.jobs.train.history;

import java.util.Map;
import java.util.TreeMap;

/** Records and keys left out of training, counted by reason, with one example message each. */
public final class SkipCounts {
    private final Map<String, Long> events = new TreeMap<>();
    private final Map<String, String> examples = new TreeMap<>();
    private final Map<String, Long> keys = new TreeMap<>();

    /** Counts skipped records (events) for a reason; the first example is kept. */
    public void events(String reason, long n, String example) {
        if (n > 0) {
            events.merge(reason, n, Long::sum);
            if (example != null) {
                examples.putIfAbsent(reason, example);
            }
        }
    }

    /** Counts a skipped key; its events are counted under the same reason. */
    public void key(String reason, long eventCount, String example) {
        keys.merge(reason, 1L, Long::sum);
        events(reason, eventCount, example);
    }

    public Map<String, Long> events() {
        return events;
    }

    public Map<String, String> examples() {
        return examples;
    }

    public Map<String, Long> keys() {
        return keys;
    }

    public long totalEvents() {
        return events.values().stream().mapToLong(Long::longValue).sum();
    }
}
