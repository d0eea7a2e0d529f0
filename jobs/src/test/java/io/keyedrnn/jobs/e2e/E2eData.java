package io.keyedrnn.jobs.e2e;

import io.keyedrnn.jobs.cli.Replay;
import io.keyedrnn.jobs.cli.ReplaySettings;
import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The end-to-end test's model, events, bad records, and the offline replay they must match. */
final class E2eData {
    static final int FEATURES = 3;

    /** Scoring settings given to the job and to replay alike. */
    static final Map<String, String> SCORING = Map.of("ring.size", "8", "warmup.events", "3");

    /** A bad event record and the dead-letter reason it must get. */
    record Bad(String value, String reason) {}

    static final List<Bad> BAD =
            List.of(
                    new Bad("{not json", "invalid_json"),
                    new Bad("{\"ts\":1700000000000,\"features\":[1,2,3]}", "missing_key"),
                    new Bad(
                            "{\"key\":\"k1\",\"ts\":1700000000000,\"features\":[1,2]}",
                            "wrong_feature_count"),
                    new Bad(
                            "{\"key\":\"k2\",\"ts\":1700000000000,\"features\":[1,NaN,3]}",
                            "non_finite_feature"),
                    new Bad("{\"key\":\"k3\",\"ts\":1700000000000}", "missing_features"));

    private E2eData() {}

    /** A GRU model with random weights (fixed seed). */
    static Model model() {
        return new Model(
                NetworkFactory.random(
                        NetworkSpec.numeric(CellKind.GRU, FEATURES, 12, 2), 20240611L),
                ModelMetadata.empty().withVersion(1));
    }

    /** Event of key k at step t: a smooth series per key with a spike now and then. */
    static String event(int k, int t) {
        double spike = (t % 17 == 9 && k % 2 == 0) ? 5 : 0;
        StringBuilder sb = new StringBuilder("{\"key\":\"k").append(k).append("\",\"ts\":");
        sb.append(1_700_000_000_000L + t * 1000L).append(",\"features\":[");
        for (int i = 0; i < FEATURES; i++) {
            float x =
                    (float)
                            (Math.cos(0.3 * t + 0.7 * k + i)
                                    + spike
                                    + 0.05 * ((k + 3 * t + i) % 7));
            sb.append(i > 0 ? "," : "").append(x);
        }
        return sb.append("]}").toString();
    }

    /** Steps [from, to) of keys k0..k(keys-1), interleaved by step. */
    static List<String> events(int keys, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys; k++) {
                out.add(event(k, t));
            }
        }
        return out;
    }

    /** What replay makes of these lines, as predictions per key in order, and its rejections. */
    record Expected(Map<String, List<String>> byKey, int predictions, List<String> rejections) {}

    static Expected replay(Model model, List<String> lines) throws Exception {
        StringBuilder in = new StringBuilder();
        lines.forEach(l -> in.append(l).append('\n'));
        Replay replay = new Replay(model, ReplaySettings.load(null, SCORING), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        replay.run(
                new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)),
                out,
                new PrintWriter(err, true));
        Map<String, List<String>> byKey = new TreeMap<>();
        int n = 0;
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                byKey.computeIfAbsent(keyOf(line), k -> new ArrayList<>()).add(line);
                n++;
            }
        }
        List<String> rejections = err.toString().lines().filter(l -> !l.isBlank()).toList();
        return new Expected(byKey, n, rejections);
    }

    /** Produces lines keyed by their event key, so each key stays in one partition, in order. */
    static void produce(EmbeddedKafka kafka, String topic, List<String> lines) {
        try (KafkaProducer<byte[], byte[]> p = KafkaIo.producer(kafka.bootstrapServers())) {
            for (String line : lines) {
                String key = keyOf(line);
                p.send(
                        new ProducerRecord<>(
                                topic,
                                key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8),
                                line.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
    }

    /** Committed records by record key, each key's values in order. */
    static Map<String, List<String>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The "key" field of an event or prediction line ("" when it has none). */
    static String keyOf(String line) {
        int i = line.indexOf("\"key\":\"");
        return i < 0 ? "" : line.substring(i + 7, line.indexOf('"', i + 7));
    }
}
