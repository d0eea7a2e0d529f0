package io.keyedrnn.jobs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.ModelFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the standalone cluster of the end-to-end test, the TaskManager JVM is killed (SIGKILL) several
 * times while the shaded jar's job scores, and a new one started each time: the job restores from
 * its checkpoint and its committed output equals replay, nothing lost or repeated.
 */
class TaskManagerFailoverE2EITCase {
    private static final int KEYS = 6;
    private static final int STEPS = 60;
    private static final int KILLS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** A dead TaskManager is noticed in seconds (failed heartbeat calls), not 50 s. */
    private static final Map<String, String> CLUSTER =
            Map.of(
                    "heartbeat.interval", "1000",
                    "heartbeat.timeout", "20000",
                    "heartbeat.rpc-failure-threshold", "2",
                    "restart-strategy.type", "fixed-delay",
                    "restart-strategy.fixed-delay.attempts", "20",
                    "restart-strategy.fixed-delay.delay", "1 s");

    private static E2eCluster cluster;
    private static StandaloneFlink flink;
    private static String job;

    @BeforeAll
    static void start() throws Exception {
        cluster = E2eCluster.start("fo", CLUSTER);
        flink = cluster.flink;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killedTaskManagersLoseNothingAndRepeatNothing() throws Exception {
        try {
            run();
        } catch (Exception | Error e) {
            flink.tailLogs(System.err, 60);
            throw e;
        }
    }

    private void run() throws Exception {
        Path modelFile = cluster.work.resolve("model.safetensors");
        ModelFile.write(E2eData.model(), modelFile);
        List<String> events = E2eData.events(KEYS, 0, STEPS);
        int batch = events.size() / (KILLS + 2);
        E2eData.produce(cluster.kafka, cluster.topic("events"), events.subList(0, batch));
        job = cluster.submit(modelFile, 500);

        long seed = System.nanoTime();
        System.err.println("TaskManagerFailoverE2EITCase: kill moments from seed " + seed);
        Random random = new Random(seed);
        for (int kill = 1; kill <= KILLS; kill++) {
            E2eData.produce(
                    cluster.kafka,
                    cluster.topic("events"),
                    events.subList(kill * batch, (kill + 1) * batch));
            awaitCheckpoints(counts().path("completed").asLong() + 1);
            Thread.sleep(random.nextInt(800));
            flink.killTaskManager();
            flink.startTaskManager();
            awaitRestored(kill);
        }
        E2eData.produce(
                cluster.kafka,
                cluster.topic("events"),
                events.subList((KILLS + 1) * batch, events.size()));

        var out =
                KafkaIo.readUntil(
                        cluster.kafka.bootstrapServers(),
                        cluster.topic("predictions"),
                        l -> l.size() >= events.size(),
                        WAIT);
        assertEquals(events.size(), out.size(), "committed predictions; job " + jobState());
        flink.rest().cancel(job);
        var all =
                KafkaIo.readAll(
                        cluster.kafka.bootstrapServers(), cluster.topic("predictions"), WAIT);
        assertEquals(events.size(), all.size(), "committed predictions after the cancel");
        assertTrue(counts().path("restored").asLong() >= KILLS, "restores: " + counts());
        assertEquals(E2eData.replay(E2eData.model(), events).byKey(), E2eData.byKey(all));
    }

    private static JsonNode counts() throws Exception {
        return flink.rest().get("/jobs/" + job + "/checkpoints").path("counts");
    }

    private static String jobState() throws Exception {
        return cluster.jobState();
    }

    private static void awaitCheckpoints(long n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (counts().path("completed").asLong() < n) {
            flink.checkAlive();
            if (System.nanoTime() > deadline) {
                fail("fewer than " + n + " checkpoints within " + WAIT + "; job " + jobState());
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the job restored from a checkpoint n times and completed one after that. */
    private static void awaitRestored(int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (counts().path("restored").asLong() < n) {
            flink.checkAlive();
            if (System.nanoTime() > deadline) {
                fail("not restored " + n + " times within " + WAIT + "; job " + jobState());
            }
            Thread.sleep(200);
        }
        awaitCheckpoints(counts().path("completed").asLong() + 1);
    }
}
