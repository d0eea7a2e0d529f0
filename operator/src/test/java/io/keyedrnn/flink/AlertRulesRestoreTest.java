package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.io.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The alert rules' per-key state (range, quiet period) survives a checkpoint in the operator. */
class AlertRulesRestoreTest {
    private static final Model V1 = TestModels.lstm(3, 5, 1, 42);
    private static final int SPLIT = 32;
    private static final int END = 40;

    private static ScoringOptions options() {
        return new ScoringOptions()
                .scoring(
                        Map.of(
                                "warmup.events", "2",
                                "min.key.errors", "2",
                                "alert.quiet.events", "5",
                                "range.margin", "0.05",
                                "learn.from.alerts", "false"))
                .startupModel(TestModels.bytes(V1), "test model");
    }

    /** Ordinary events, then at 30 an outlier whose quiet period spans the snapshot. */
    private static byte[] event(int t) {
        float[] x = TestModels.features(0, t, 3);
        if (t == 30) {
            x = new float[] {400f, -400f, 400f};
        }
        return TestModels.event("a", 1000 + t, x);
    }

    private static List<String> run(ScoringHarness h, int from, int to) throws Exception {
        for (int t = from; t < to; t++) {
            h.event(event(t));
        }
        return h.predictions();
    }

    @Test
    void restoredKeyContinuesItsQuietPeriodAndRange() throws Exception {
        List<String> straight;
        try (ScoringHarness h = ScoringHarness.open(options())) {
            straight = run(h, 0, END);
        }
        OperatorSubtaskState snapshot;
        List<String> resumed = new ArrayList<>();
        try (ScoringHarness h = ScoringHarness.open(options())) {
            resumed.addAll(run(h, 0, SPLIT));
            snapshot = h.snapshot();
        }
        try (ScoringHarness h = ScoringHarness.restore(options(), snapshot)) {
            resumed.addAll(run(h, SPLIT, END));
        }
        assertEquals(straight, resumed);
        assertTrue(straight.get(30).contains("\"anomaly\":true"), straight.get(30));
        for (int t = 31; t < 36; t++) {
            assertTrue(straight.get(t).contains("\"quiet\":true"), straight.get(t));
        }
        assertTrue(!straight.get(36).contains("\"quiet\""), straight.get(36));
    }
}
