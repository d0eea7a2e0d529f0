package io.keyedrnn.jobs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code keyed-rnn score} as a user runs it (the shaded jar in its own JVM) against a real broker,
 * killed with SIGKILL at random moments and once stopped with SIGTERM, started again with the same
 * command each time while a producer keeps writing: its committed output equals an uninterrupted
 * run's and replay's, record for record and byte for byte.
 */
class ScoreRestartITCase {
    private static final int KEYS = 8;
    private static final int STEPS = 160;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> STOPS = List.of("KILL", "KILL", "TERM", "KILL");

    private static Path jar;
    private static Path work;
    private static EmbeddedKafka kafka;
    private static Path modelFile;

    @BeforeAll
    static void start() throws Exception {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        jar = module.resolve("target/keyed-rnn.jar");
        if (!Files.isRegularFile(jar)) {
            fail("no shaded jar " + jar + ": this test runs after package (mvn verify -pl jobs)");
        }
        work = Files.createDirectories(module.resolve("target/e2e/restart-" + System.nanoTime()));
        kafka = EmbeddedKafka.start();
        modelFile = work.resolve("model.safetensors");
        ModelFile.write(E2eData.model(), modelFile);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void killedAndRestartedScoringLosesNothingAndRepeatsNothing() throws Exception {
        List<String> events = E2eData.events(KEYS, 0, STEPS);
        Model model = E2eData.model();
        E2eData.Expected expected = E2eData.replay(model, events);
        assertEquals(KEYS * STEPS, expected.predictions(), "replay's predictions");

        Map<String, List<String>> clean = uninterrupted(events);
        assertEquals(expected.byKey(), clean, "an uninterrupted run equals replay");

        long seed = System.nanoTime();
        System.err.println("ScoreRestartITCase: kill moments from seed " + seed);
        Map<String, List<String>> restarted = interrupted(events, new Random(seed));
        assertEquals(clean, restarted, "killed and restarted run (seed " + seed + ")");
    }

    private Map<String, List<String>> uninterrupted(List<String> events) throws Exception {
        String p = "clean-";
        topics(p);
        produce(p, events, 0);
        try (ScoreProcess s = ScoreProcess.start(jar, args(p), work.resolve(p + "0.log"))) {
            s.awaitOutput("running job", WAIT);
            var out = read(p, events.size());
            assertEquals(0, s.terminate(WAIT), s.output());
            assertTrue(s.output().contains("stopped with savepoint"), s.output());
            return byKey(out);
        }
    }

    private Map<String, List<String>> interrupted(List<String> events, Random random)
            throws Exception {
        String p = "restart-";
        topics(p);
        // The producer keeps writing, a step of every key each 150 ms, through kills and restarts.
        CompletableFuture<Void> producer =
                CompletableFuture.runAsync(() -> produce(p, events, 150));
        for (int run = 0; run < STOPS.size(); run++) {
            try (ScoreProcess s =
                    ScoreProcess.start(jar, args(p), work.resolve(p + run + ".log"))) {
                s.awaitOutput("running job", WAIT);
                if (run > 0) {
                    assertTrue(s.output().contains("resuming job"), s.output());
                }
                long before = newestCheckpoint(p);
                awaitCheckpointAfter(p, before, s);
                Thread.sleep(random.nextInt(1500));
                if (STOPS.get(run).equals("KILL")) {
                    s.kill();
                } else {
                    assertEquals(0, s.terminate(WAIT), s.output());
                    assertTrue(s.output().contains("stopped with savepoint"), s.output());
                }
            }
        }
        producer.get();
        try (ScoreProcess s = ScoreProcess.start(jar, args(p), work.resolve(p + "last.log"))) {
            s.awaitOutput("running job", WAIT);
            assertTrue(s.output().contains("resuming job"), s.output());
            var out = read(p, events.size());
            assertEquals(0, s.terminate(WAIT), s.output());
            assertTrue(s.output().contains("stopped with savepoint"), s.output());
            // Nothing more arrives after the stop: exactly one prediction per event.
            var all = KafkaIo.readAll(kafka.bootstrapServers(), p + "predictions", WAIT);
            assertEquals(events.size(), all.size(), "committed predictions after the stop");
            return byKey(out);
        }
    }

    private static List<String> args(String p) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "--bootstrap-servers", kafka.bootstrapServers(),
                                "--events-topic", p + "events",
                                "--predictions-topic", p + "predictions",
                                "--models-topic", p + "models",
                                "--dead-letter-topic", p + "dead",
                                "--model", modelFile.toString()));
        Map<String, String> s =
                Map.of(
                        "checkpoint.dir", work.resolve(p + "cp").toUri().toString(),
                        "checkpoint.interval.ms", "500",
                        "parallelism", "2",
                        "group.id", p + "group",
                        "transactional.id.prefix", p + "tx",
                        "transaction.timeout.ms", "60000",
                        "events.starting.offsets", "earliest");
        s.forEach((k, v) -> a.addAll(List.of("--set", k + "=" + v)));
        E2eData.SCORING.forEach((k, v) -> a.addAll(List.of("--set", k + "=" + v)));
        return a;
    }

    private static void topics(String p) throws Exception {
        kafka.createTopics(2, p + "events", p + "predictions", p + "dead");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), p + "models");
    }

    /** Writes the events step by step (every key's event of a step together), pausing between. */
    private static void produce(String p, List<String> events, long pauseMs) {
        try {
            for (int i = 0; i < events.size(); i += KEYS) {
                E2eData.produce(kafka, p + "events", events.subList(i, i + KEYS));
                Thread.sleep(pauseMs);
            }
        } catch (Exception e) {
            throw new IllegalStateException("producing events failed", e);
        }
    }

    /** The highest completed checkpoint id under the run's checkpoint dir (-1: none). */
    private static long newestCheckpoint(String p) throws Exception {
        long max = -1;
        Path cp = work.resolve(p + "cp");
        if (!Files.isDirectory(cp)) {
            return max;
        }
        try (var jobs = Files.list(cp)) {
            for (Path job : jobs.toList()) {
                try (var chks = Files.list(job)) {
                    for (Path c : chks.toList()) {
                        String n = c.getFileName().toString();
                        if (n.matches("chk-\\d+") && Files.exists(c.resolve("_metadata"))) {
                            max = Math.max(max, Long.parseLong(n.substring(4)));
                        }
                    }
                } catch (NoSuchFileException subsumedMeanwhile) {
                    // Flink deleted it while we listed; the next poll sees the newer one.
                }
            }
        }
        return max;
    }

    private static void awaitCheckpointAfter(String p, long id, ScoreProcess s) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (newestCheckpoint(p) <= id) {
            if (System.nanoTime() > deadline) {
                fail("no checkpoint after " + id + " within " + WAIT + ":\n" + s.output());
            }
            Thread.sleep(100);
        }
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> read(
            String p, int n) {
        var records =
                KafkaIo.readUntil(
                        kafka.bootstrapServers(), p + "predictions", l -> l.size() >= n, WAIT);
        assertEquals(n, records.size(), p + "predictions committed within " + WAIT);
        return records;
    }

    private static Map<String, List<String>> byKey(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
        return E2eData.byKey(records);
    }
}
