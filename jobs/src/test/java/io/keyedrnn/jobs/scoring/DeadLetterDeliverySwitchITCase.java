package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.io.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of a job that wrote dead letters exactly-once (every job before dead.letter.delivery
 * existed) restores with the at-least-once default, and back: keys continue where they were.
 */
class DeadLetterDeliverySwitchITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 4;
    private static final String PREFIX = "switch-";

    @TempDir static Path tmp;

    @Test
    void savepointsRestoreAcrossTheDeadLetterDelivery() throws Exception {
        Model model = ItSupport.model(3, 9);
        Map<String, String> s = ItSupport.withTopicsAndModel(cluster.kafka(), PREFIX, model, tmp);
        List<byte[]> good = new ArrayList<>();
        String savepoint = null;
        String[] deliveries = {"exactly-once", "at-least-once", "exactly-once"};
        for (int i = 0; i < deliveries.length; i++) {
            s.put("dead.letter.delivery", deliveries[i]);
            JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), savepoint);
            awaitRunning(job, deliveries[i]);
            List<byte[]> step = ItSupport.events(KEYS, 5 * i, 5 * i + 5);
            good.addAll(step);
            List<byte[]> stream = new ArrayList<>(step);
            stream.add(("not json " + i).getBytes(StandardCharsets.UTF_8));
            ItSupport.produce(cluster.kafka(), PREFIX + "events", stream);
            ItSupport.read(cluster.kafka(), PREFIX + "predictions", good.size());
            assertEquals(i + 1, ItSupport.read(cluster.kafka(), PREFIX + "dead", i + 1).size());
            assertEquals(0, cluster.flink().maxAttempt(job), deliveries[i] + ": no restart");
            savepoint =
                    cluster.flink()
                            .stopWithSavepoint(job, tmp.resolve("sp" + i).toUri().toString());
        }
        assertEquals(
                ItSupport.replay(model, good, false),
                ItSupport.byKey(
                        ItSupport.read(cluster.kafka(), PREFIX + "predictions", good.size())),
                "every key continued from the savepoint, each event predicted once");
    }

    /** Fails with the job's own error if it does not run (a savepoint it cannot restore). */
    private static void awaitRunning(JobID job, String delivery) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (cluster.flink().status(job) != JobStatus.RUNNING) {
            if (cluster.flink().status(job).isGloballyTerminalState()) {
                JobResult r = cluster.flink().cluster().requestJobResult(job).get();
                throw new AssertionError(
                        delivery + ": the job ended: " + r.getSerializedThrowable().orElse(null));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(delivery + ": the job did not start");
            }
            Thread.sleep(50);
        }
    }
}
