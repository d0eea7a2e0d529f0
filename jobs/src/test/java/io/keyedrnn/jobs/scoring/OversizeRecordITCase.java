package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.flink.DeadLetterJson;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records from 0 bytes to 5 MB (the events topic accepts 6 MB) between good events: every good
 * event is predicted exactly once, every bad one is a dead letter within the producer's limit that
 * says how long the original was, and the job never restarts.
 */
class OversizeRecordITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 4;
    private static final int MAX_DEAD_LETTER = 900_000;
    private static final int[] SIZES = {
        0, 1, 1000, 100_000, 786_000, 800_000, 899_000, 900_000, 1 << 20, 2 << 20, 5 << 20
    };

    @TempDir static Path tmp;

    @Test
    void recordsOfAnySizeAreDeadLettersThatFitAndGoodEventsScoreOnce() throws Exception {
        Model model = ItSupport.model(3, 5);
        String prefix = "big-";
        cluster.kafka()
                .createTopics(
                        2, Map.of("max.message.bytes", String.valueOf(6 << 20)), prefix + "events");
        cluster.kafka().createTopics(2, prefix + "predictions", prefix + "dead");
        cluster.kafka().createTopics(1, Map.of("cleanup.policy", "compact"), prefix + "models");
        Map<String, String> s = ItSupport.settings(cluster.kafka(), prefix, tmp.resolve("cp"));
        s.put("model.path", ItSupport.writeModel(model, tmp, "m.safetensors").toString());

        List<byte[]> good = new ArrayList<>();
        List<byte[]> stream = new ArrayList<>();
        List<byte[]> bad = new ArrayList<>();
        for (int t = 0; t < 2 * SIZES.length + 2; t++) {
            List<byte[]> step = ItSupport.events(KEYS, t, t + 1);
            good.addAll(step);
            stream.addAll(step);
            if (t >= 1 && t - 1 < 2 * SIZES.length) {
                int i = t - 1;
                byte[] b = i % 2 == 0 ? garbage(SIZES[i / 2]) : tooManyFeatures(SIZES[i / 2]);
                bad.add(b);
                stream.add(b);
            }
        }
        produce(prefix + "events", stream);

        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        var predictions = ItSupport.read(cluster.kafka(), prefix + "predictions", good.size());
        var dead = ItSupport.read(cluster.kafka(), prefix + "dead", bad.size());
        cluster.flink()
                .awaitCheckpoints(
                        job, cluster.flink().completedCheckpoints(job) + 2, Duration.ofMinutes(1));
        assertEquals(0, cluster.flink().maxAttempt(job), "the job never restarted");
        cluster.flink().cancel(job);

        assertEquals(
                ItSupport.replayRun(model, good, false, ItSupport.SCORING).byKey(),
                ItSupport.byKey(predictions));
        assertEquals(bad.size(), dead.size());
        checkDeadLetters(dead, stream);
    }

    /** Not JSON: n bytes of 'x' (n = 0 is an empty record). */
    private static byte[] garbage(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** A well-formed event of about n bytes with far more features than the model takes. */
    private static byte[] tooManyFeatures(int n) {
        StringBuilder sb = new StringBuilder(n + 64);
        sb.append("{\"key\":\"k1\",\"ts\":1700000000000,\"features\":[0.5");
        while (sb.length() < n - 2) {
            sb.append(",0.5");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkDeadLetters(
            List<ConsumerRecord<byte[], byte[]>> dead, List<byte[]> stream) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            assertTrue(
                    r.serializedValueSize() + Math.max(0, r.serializedKeySize())
                            <= MAX_DEAD_LETTER);
            JsonNode n = json.readTree(r.value());
            byte[] original = stream.get(n.get("source").get("offset").asInt());
            byte[] kept = Base64.getDecoder().decode(n.get("payload_base64").textValue());
            assertEquals(original.length, n.get("payload_length").asInt());
            assertArrayEquals(Arrays.copyOf(original, kept.length), kept);
            boolean truncated = n.get("payload_truncated").asBoolean();
            assertEquals(kept.length < original.length, truncated);
            if (truncated) {
                assertEquals(DeadLetterJson.sha256(original), n.get("payload_sha256").asText());
            }
            String reason = n.get("reason").asText();
            assertTrue(
                    reason.equals("invalid_json") || reason.equals("wrong_feature_count"), reason);
            if (reason.equals("wrong_feature_count")) {
                assertEquals("k1", n.get("key").asText(), "the parse stage keeps the key");
            }
        }
    }

    private static void produce(String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> p =
                KafkaIo.producer(cluster.kafka().bootstrapServers())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (byte[] v : values) {
                // All on partition 0 so good and bad records truly interleave.
                acks.add(p.send(new ProducerRecord<>(topic, 0, null, v)));
            }
            p.flush();
            for (var a : acks) {
                a.get();
            }
        }
    }
}
