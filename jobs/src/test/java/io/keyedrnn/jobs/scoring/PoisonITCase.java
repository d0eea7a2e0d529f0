package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
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
 * Poison records of every kind, interleaved with good events and bad model records: the good
 * events' predictions equal replay's, every bad record is in the dead-letter topic with its reason
 * and original bytes, and the job keeps running.
 */
class PoisonITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 8;
    private static final int STEPS = 30;

    /** Bad event records and the reason each must be dead-lettered with. */
    private static final String[][] POISON = {
        {"{not json", "invalid_json"},
        {"", "invalid_json"},
        {"[1,2,3]", "invalid_json"},
        {"{\"key\":\"k1\",\"features\":[1,2,3]} trailing", "invalid_json"},
        {"{\"ts\":1,\"features\":[1,2,3]}", "missing_key"},
        {"{\"key\":{\"a\":1},\"features\":[1,2,3]}", "bad_key"},
        {"{\"key\":\"k2\",\"ts\":\"noon\",\"features\":[1,2,3]}", "bad_timestamp"},
        {"{\"key\":\"k3\",\"ts\":1700000000000}", "missing_features"},
        {"{\"key\":\"k4\",\"features\":\"1,2,3\"}", "bad_features"},
        {"{\"key\":\"k5\",\"ts\":1700000000000,\"features\":[1,2]}", "wrong_feature_count"},
        {"{\"key\":\"k6\",\"ts\":1700000000000,\"features\":[1,NaN,3]}", "non_finite_feature"},
        {"{\"key\":\"k7\",\"ts\":1700000000000,\"features\":[1,1e999,3]}", "non_finite_feature"},
        {"{\"key\":\"k0\",\"ts\":1000,\"features\":[1,2,3]}", "late_event"},
    };

    @TempDir static Path tmp;

    @Test
    void badRecordsGoToDeadLettersAndGoodOnesScoreAsInACleanRun() throws Exception {
        Map<String, String> scoring = new HashMap<>(ItSupport.SCORING);
        scoring.put("lateness.ms", "60000");
        Model model = ItSupport.model(5, 3);
        String prefix = "poison-";
        ItSupport.createTopics(cluster.kafka(), prefix);
        Map<String, String> s = ItSupport.settings(cluster.kafka(), prefix, tmp.resolve("cp"));
        s.putAll(scoring);
        s.put("model.path", ItSupport.writeModel(model, tmp, "m.safetensors").toString());

        // Interleave: after every step of good events, some poison; a tombstone too.
        List<byte[]> good = new ArrayList<>();
        List<byte[]> stream = new ArrayList<>();
        List<String> expectedReasons = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            List<byte[]> step = ItSupport.events(KEYS, t, t + 1);
            good.addAll(step);
            stream.addAll(step);
            if (t >= 2 && t - 2 < POISON.length) {
                stream.add(POISON[t - 2][0].getBytes(StandardCharsets.UTF_8));
                expectedReasons.add(POISON[t - 2][1]);
            }
        }
        produce(prefix + "events", stream);
        produce(prefix + "events", java.util.Collections.singletonList(null));
        expectedReasons.add("invalid_json");
        // Bad model records: garbage, and a model older than the one in use.
        KafkaIo.send(
                cluster.kafka().bootstrapServers(),
                prefix + "models",
                0,
                "model".getBytes(StandardCharsets.UTF_8),
                List.of(
                        "garbage".getBytes(StandardCharsets.UTF_8),
                        ModelFile.toBytes(ItSupport.model(4, 9))));
        expectedReasons.add("model_invalid");
        expectedReasons.add("model_not_newer");

        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        var predictions = ItSupport.read(cluster.kafka(), prefix + "predictions", good.size());
        var dead = ItSupport.read(cluster.kafka(), prefix + "dead", expectedReasons.size());
        cluster.flink()
                .awaitCheckpoints(
                        job, cluster.flink().completedCheckpoints(job) + 2, Duration.ofMinutes(1));
        cluster.flink().cancel(job);

        assertEquals(
                ItSupport.replayRun(model, good, false, scoring).byKey(),
                ItSupport.byKey(predictions));
        assertEquals(sorted(expectedReasons), sorted(reasons(dead)));
        checkPayloads(dead, stream);
    }

    private static void produce(String topic, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> p =
                KafkaIo.producer(cluster.kafka().bootstrapServers())) {
            for (byte[] v : values) {
                // All on partition 0 so good and bad records truly interleave.
                p.send(new ProducerRecord<>(topic, 0, null, v));
            }
            p.flush();
        }
    }

    private static List<String> reasons(List<ConsumerRecord<byte[], byte[]>> dead)
            throws Exception {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            JsonNode n = json.readTree(r.value());
            out.add(n.get("reason").asText());
            assertEquals(
                    n.get("reason").asText(),
                    new String(
                            r.headers().lastHeader("keyed-rnn-reason").value(),
                            StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Every dead event letter carries the bytes of the record at its source offset. */
    private static void checkPayloads(
            List<ConsumerRecord<byte[], byte[]>> dead, List<byte[]> stream) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            JsonNode n = json.readTree(r.value());
            if (!n.get("source").get("topic").asText().endsWith("events")) {
                continue;
            }
            int offset = n.get("source").get("offset").asInt();
            JsonNode payload = n.get("payload_base64");
            byte[] original = offset < stream.size() ? stream.get(offset) : null;
            byte[] got = payload.isNull() ? null : Base64.getDecoder().decode(payload.asText());
            assertEquals(
                    original == null ? null : new String(original, StandardCharsets.UTF_8),
                    got == null ? null : new String(got, StandardCharsets.UTF_8));
        }
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        c.sort(null);
        return c;
    }
}
