package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once on Kafka: a run whose task managers are killed at random moments after checkpoints,
 * several times, commits the same predictions (read_committed, record for record, byte for byte) as
 * a run without failures, and both equal replay on the same events.
 */
class ExactlyOnceITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(2, 2);

    private static final int KEYS = 24;
    private static final int STEPS = 60;
    private static final int BATCHES = 12;

    @TempDir static Path tmp;

    @Test
    void failuresChangeNothingInTheCommittedOutput() throws Exception {
        Model model = ItSupport.model(1, 7);
        Path modelFile = ItSupport.writeModel(model, tmp, "m.safetensors");
        List<byte[]> all = ItSupport.events(KEYS, 0, STEPS);
        Map<String, List<String>> expected = ItSupport.replay(model, all, false);

        Map<String, List<String>> clean = run("clean-", modelFile, 0);
        Map<String, List<String>> failed = run("failed-", modelFile, 3);

        assertEquals(KEYS, expected.size());
        assertEquals(expected, clean);
        assertEquals(expected, failed);
    }

    /** Runs the job while events arrive in batches, killing a task manager {@code kills} times. */
    private Map<String, List<String>> run(String prefix, Path modelFile, int kills)
            throws Exception {
        ItSupport.createTopics(cluster.kafka(), prefix);
        Map<String, String> s =
                ItSupport.settings(cluster.kafka(), prefix, tmp.resolve(prefix + "cp"));
        s.put("model.path", modelFile.toString());
        ScoringJobConfig c = ScoringJobConfig.of(s);
        JobID job = ItSupport.submit(cluster.flink(), c, null);
        Random random = new Random(prefix.hashCode());
        int step = STEPS / BATCHES;
        List<Integer> killAt = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            killAt.add(2 + i * (BATCHES - 2) / Math.max(1, kills));
        }
        long checkpoints = 0;
        for (int b = 0; b < BATCHES; b++) {
            ItSupport.produce(
                    cluster.kafka(),
                    prefix + "events",
                    ItSupport.events(KEYS, b * step, (b + 1) * step));
            checkpoints = Math.max(checkpoints, cluster.flink().completedCheckpoints(job)) + 1;
            cluster.flink().awaitCheckpoints(job, checkpoints, Duration.ofMinutes(2));
            if (killAt.contains(b)) {
                Thread.sleep(random.nextInt(250));
                cluster.flink().replaceTaskManagers();
                cluster.flink().awaitRunning(job, Duration.ofMinutes(2));
            }
        }
        var records = ItSupport.read(cluster.kafka(), prefix + "predictions", KEYS * STEPS);
        int attempts = cluster.flink().maxAttempt(job);
        cluster.flink().cancel(job);
        assertTrue(attempts >= kills, prefix + " restarted " + attempts + " times, not " + kills);
        var dead =
                KafkaIo.readAll(
                        cluster.kafka().bootstrapServers(),
                        prefix + "dead",
                        Duration.ofSeconds(30));
        assertTrue(dead.isEmpty(), "no dead letters expected, got " + dead.size());
        assertEquals(KEYS * STEPS, records.size(), prefix + " predictions");
        return ItSupport.byKey(records);
    }
}
