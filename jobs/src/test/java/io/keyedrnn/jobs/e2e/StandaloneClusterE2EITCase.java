package io.keyedrnn.jobs.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end, the way a user deploys: the shaded jar uploaded over REST to a standalone Flink
 * cluster in separate JVMs, scoring a real Kafka broker; its committed predictions equal the
 * offline replay bit for bit, and bad records land in the dead-letter topic.
 */
class StandaloneClusterE2EITCase {
    private static final int KEYS = 6;
    private static final int STEPS = 40;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static E2eCluster cluster;
    private static String job;

    @BeforeAll
    static void start() throws Exception {
        cluster = E2eCluster.start("e2e", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shadedJarOnStandaloneClusterScoresLikeReplay() throws Exception {
        try {
            run();
        } catch (Exception | Error e) {
            cluster.flink.tailLogs(System.err, 80);
            throw e;
        }
    }

    private void run() throws Exception {
        Model model = E2eData.model();
        Path modelFile = cluster.work.resolve("model.safetensors");
        ModelFile.write(model, modelFile);
        List<String> first = withBad(E2eData.events(KEYS, 0, STEPS / 2), 0, 3);
        List<String> second =
                withBad(E2eData.events(KEYS, STEPS / 2, STEPS), 3, E2eData.BAD.size());
        produce(first);

        FlinkRest rest = cluster.flink.rest();
        job = cluster.submit(modelFile, 1000);
        awaitState("RUNNING");
        produce(second);

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        E2eData.Expected expected = E2eData.replay(model, all);
        assertEquals(KEYS * STEPS, expected.predictions(), "replay's predictions");
        assertEquals(E2eData.BAD.size(), expected.rejections().size(), "replay's rejections");

        read(cluster.topic("predictions"), expected.predictions());
        var dead = read(cluster.topic("dead"), E2eData.BAD.size());
        assertEquals("RUNNING", rest.jobState(job), "job state after scoring");
        rest.cancel(job);
        awaitState("CANCELED");

        // Nothing more is committed after the job is gone: exactly one prediction per event.
        var finalPredictions =
                KafkaIo.readAll(
                        cluster.kafka.bootstrapServers(), cluster.topic("predictions"), WAIT);
        assertEquals(expected.predictions(), finalPredictions.size(), "committed predictions");
        assertEquals(
                expected.byKey(), E2eData.byKey(finalPredictions), "predictions per key, in order");
        assertEquals(sent(E2eData.BAD), deadLetters(dead), "dead letters (reason, record)");
    }

    /** Events with bad records [from, to) of {@link E2eData#BAD} spread among them. */
    private static List<String> withBad(List<String> events, int from, int to) {
        List<String> out = new ArrayList<>(events);
        for (int i = from; i < to; i++) {
            out.add((i - from + 1) * out.size() / (to - from + 1), E2eData.BAD.get(i).value());
        }
        return out;
    }

    private static void produce(List<String> lines) {
        E2eData.produce(cluster.kafka, cluster.topic("events"), lines);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int n) throws Exception {
        var records =
                KafkaIo.readUntil(
                        cluster.kafka.bootstrapServers(), topic, l -> l.size() >= n, WAIT);
        if (records.size() < n) {
            fail(
                    topic
                            + ": "
                            + records.size()
                            + " of "
                            + n
                            + " committed records within "
                            + WAIT
                            + "; job "
                            + job
                            + " is "
                            + cluster.jobState());
        }
        return records;
    }

    private static void awaitState(String wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state = cluster.flink.rest().jobState(job);
        while (!state.equals(wanted)) {
            cluster.flink.checkAlive();
            if (E2eCluster.terminal(state) || System.nanoTime() > deadline) {
                fail(
                        "job "
                                + job
                                + " is "
                                + state
                                + ", not "
                                + wanted
                                + " (waited up to "
                                + WAIT
                                + "): "
                                + cluster.jobState());
            }
            Thread.sleep(200);
            state = cluster.flink.rest().jobState(job);
        }
    }

    /** Each dead letter's reason and original record, sorted; compared with what was sent. */
    private static List<String> deadLetters(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode n = json.readTree(r.value());
            byte[] payload = Base64.getDecoder().decode(n.path("payload_base64").asText(""));
            out.add(n.path("reason").asText() + " " + new String(payload, StandardCharsets.UTF_8));
        }
        out.sort(null);
        return out;
    }

    private static List<String> sent(List<E2eData.Bad> bad) {
        List<String> out = new ArrayList<>();
        bad.forEach(b -> out.add(b.reason() + " " + b.value()));
        out.sort(null);
        return out;
    }
}
