package io.keyedrnn.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short demo run end to end: the first model is trained and published, every produced event gets
 * exactly one committed prediction, and the alerts find injected anomalies.
 */
class DemoITCase {
    @TempDir Path dir;

    @Test
    void shortRunScoresEveryEventOnceWithTheTrainedModel() throws Exception {
        StringWriter log = new StringWriter();
        DemoSettings s = new DemoSettings(12, 12, 1500, 0.02, 120, 8, 3, false, 2, "hashmap", dir);
        DemoRunner.Result r = new DemoRunner(s, new PrintWriter(log, true)).run();
        String out = log.toString();
        assertTrue(r.produced() > 12 * 120, out);
        assertEquals(r.produced(), r.predictions(), out);
        assertEquals(0, r.deadLetters(), out);
        assertEquals(java.util.Set.of(1L), r.predictionsByVersion().keySet(), out);
        assertTrue(r.recall() > 0, "no injected anomaly was found:\n" + out);
        assertTrue(out.contains("model version 1 written"), out);
    }
}
