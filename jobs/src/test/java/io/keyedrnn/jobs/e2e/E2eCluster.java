package io.keyedrnn.jobs.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Kafka broker and a standalone Flink cluster for one end-to-end test class, and its job. */
final class E2eCluster implements AutoCloseable {
    private static final String MAIN = "io.keyedrnn.jobs.scoring.ScoringJob";

    final Path module;
    final Path work;
    final EmbeddedKafka kafka;
    final StandaloneFlink flink;
    private final String prefix;
    private String job;

    private E2eCluster(
            Path module, Path work, EmbeddedKafka kafka, StandaloneFlink flink, String prefix) {
        this.module = module;
        this.work = work;
        this.kafka = kafka;
        this.flink = flink;
        this.prefix = prefix;
    }

    /**
     * Starts the broker with topics {@code <prefix>-events|predictions|dead|models} and a cluster
     * with {@code clusterConf} on top of the defaults; fails when the shaded jar is not built yet.
     */
    static E2eCluster start(String prefix, Map<String, String> clusterConf) throws Exception {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(module.resolve("target/keyed-rnn.jar"))) {
            fail("no shaded jar in target/: this test runs after package (mvn verify -pl jobs)");
        }
        Path work = Files.createDirectories(module.resolve("target/e2e/" + prefix + "-" + stamp()));
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            kafka.createTopics(2, prefix + "-events", prefix + "-predictions", prefix + "-dead");
            kafka.createTopics(1, Map.of("cleanup.policy", "compact"), prefix + "-models");
            StandaloneFlink flink =
                    StandaloneFlink.start(
                            work, module.getParent(), Duration.ofSeconds(60), clusterConf);
            return new E2eCluster(module, work, kafka, flink, prefix);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    private static String stamp() {
        return String.valueOf(System.nanoTime());
    }

    /** The topic of a role: events, predictions, dead or models. */
    String topic(String role) {
        return prefix + "-" + role;
    }

    /** Uploads the shaded jar and runs the scoring job at parallelism 2; returns its id. */
    String submit(Path modelFile, long checkpointIntervalMs) throws Exception {
        FlinkRest rest = flink.rest();
        String jar = rest.uploadJar(module.resolve("target/keyed-rnn.jar"));
        job = rest.runJar(jar, MAIN, jobArgs(modelFile, checkpointIntervalMs), 2);
        return job;
    }

    /** The job's command line, as one would pass it to {@code flink run}. */
    private List<String> jobArgs(Path modelFile, long checkpointIntervalMs) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--bootstrap-servers", kafka.bootstrapServers(),
                                "--events-topic", topic("events"),
                                "--predictions-topic", topic("predictions"),
                                "--models-topic", topic("models"),
                                "--dead-letter-topic", topic("dead"),
                                "--model", modelFile.toString(),
                                "--group-id", prefix,
                                "--transactional-id-prefix", prefix + "-tx",
                                "--transaction-timeout-ms", "60000",
                                "--checkpoint-interval-ms", String.valueOf(checkpointIntervalMs),
                                "--checkpoint-dir", work.resolve("checkpoints").toUri().toString(),
                                "--events-starting-offsets", "earliest"));
        E2eData.SCORING.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        return args;
    }

    /** The submitted job's state and root exception, for failure messages. */
    String jobState() throws Exception {
        return flink.rest().jobState(job) + " " + flink.rest().rootException(job);
    }

    /** Cancels the job if it still runs, then stops the cluster and the broker. */
    @Override
    public void close() throws Exception {
        try {
            if (job != null && !terminal(flink.rest().jobState(job))) {
                flink.rest().cancel(job);
            }
        } catch (Exception alreadyGone) {
            // The cluster is closed next either way.
        } finally {
            try {
                flink.close();
            } finally {
                kafka.close();
            }
        }
    }

    static boolean terminal(String state) {
        return List.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED").contains(state);
    }
}
