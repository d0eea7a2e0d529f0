package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.history.EventSink;
import io.keyedrnn.jobs.train.history.FileEvents;
import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.HistoryInput;
import io.keyedrnn.jobs.train.history.HistoryRecord;
import io.keyedrnn.jobs.train.history.ParsedEvent;
import io.keyedrnn.jobs.train.history.ReadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads history files in this thread with the same code the Flink job's tasks run (file reading,
 * parsing, per-key sorting in parts), so unit tests need no cluster.
 */
final class InProcessReader implements RetrainJob.HistoryReader {
    private final int partSize;

    InProcessReader(int partSize) {
        this.partSize = partSize;
    }

    @Override
    public History read(HistoryInput s, ReadSpec spec) throws Exception {
        Map<String, List<ParsedEvent>> byKey = new TreeMap<>();
        List<HistoryRecord> out = new ArrayList<>();
        EventSink sink =
                new EventSink() {
                    @Override
                    public void event(ParsedEvent e) {
                        byKey.computeIfAbsent(e.key, k -> new ArrayList<>()).add(e);
                    }

                    @Override
                    public void rejected(String reason, String message) {
                        out.add(HistoryRecord.skipped(reason, message));
                    }
                };
        // Files in reverse, so the result must not depend on reading order.
        for (int i = s.files().size() - 1; i >= 0; i--) {
            FileEvents.read(s.files().get(i), i, spec, sink);
        }
        byKey.forEach((k, events) -> out.addAll(0, HistoryRecord.series(k, events, partSize)));
        return History.collect(out.iterator(), s.describe());
    }
}
