package io.keyedrnn.bench.flink;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.jobs.local.LocalFlink;
import io.keyedrnn.jobs.scoring.FlinkSetup;
import io.keyedrnn.jobs.scoring.ScoringJob;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka → scoring job → Kafka through the embedded broker (not a test), at-least-once and
 * exactly-once: throughput of a backlog, and latency from produce to a prediction visible to a
 * read_committed consumer at a steady rate (p50, p99).
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.flink.KafkaLatencyBench
 *   [--keys 10000] [--backlog 400000] [--rate 5000] [--seconds 20] [--hidden 64]
 *   [--checkpoint-ms 1000] [--parallelism 2]</pre>
 */
public final class KafkaLatencyBench {
    private KafkaLatencyBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = ThroughputBench.Args.parse(args);
        int keys = Integer.parseInt(a.getOrDefault("keys", "10000"));
        int backlog = Integer.parseInt(a.getOrDefault("backlog", "400000"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "5000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "64"));
        Path dir = Files.createTempDirectory("keyed-rnn-kafka-bench-");
        Path model = dir.resolve("model.safetensors");
        Files.write(model, ThroughputBench.model(4, hidden));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlink flink = LocalFlink.start(1, 2, new Configuration())) {
            for (String guarantee : List.of("at-least-once", "exactly-once")) {
                String p = guarantee.substring(0, 2) + "-";
                kafka.createTopics(2, p + "events", p + "predictions");
                kafka.createTopics(1, p + "dead");
                kafka.createTopics(1, Map.of("cleanup.policy", "compact"), p + "models");
                Map<String, String> s = new HashMap<>();
                s.put("bootstrap.servers", kafka.bootstrapServers());
                s.put("events.topic", p + "events");
                s.put("predictions.topic", p + "predictions");
                s.put("models.topic", p + "models");
                s.put("dead.letter.topic", p + "dead");
                s.put("delivery.guarantee", guarantee);
                s.put("transactional.id.prefix", p + "tx");
                s.put("transaction.timeout.ms", "60000");
                s.put("checkpoint.interval.ms", a.getOrDefault("checkpoint-ms", "1000"));
                s.put("checkpoint.dir", dir.resolve(p + "cp").toUri().toString());
                s.put("parallelism", a.getOrDefault("parallelism", "2"));
                s.put("model.path", model.toString());
                ScoringJobConfig c = ScoringJobConfig.of(s);
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.getExecutionEnvironment(
                                FlinkSetup.configuration(c));
                ScoringJob.kafka(c).build(env);
                JobID job = flink.submit(env, "kafka bench " + guarantee, null);
                flink.awaitRunning(job, Duration.ofMinutes(1));
                measure(kafka, p, guarantee, keys, backlog, rate, seconds);
                flink.cancel(job);
            }
        }
    }

    private static void measure(
            EmbeddedKafka kafka,
            String p,
            String guarantee,
            int keys,
            int backlog,
            int rate,
            int seconds)
            throws Exception {
        try (KafkaConsumer<byte[], byte[]> c = KafkaIo.committedReader(kafka.bootstrapServers());
                KafkaProducer<byte[], byte[]> producer =
                        KafkaIo.producer(kafka.bootstrapServers())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(p + "predictions")
                    .forEach(i -> parts.add(new TopicPartition(p + "predictions", i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            long start = System.nanoTime();
            for (int i = 0; i < backlog; i++) {
                send(producer, p, i % keys, System.currentTimeMillis());
            }
            producer.flush();
            long seen = drain(c, backlog, null, 0);
            double secs = (System.nanoTime() - start) / 1e9;
            long[] latencies = new long[rate * seconds];
            long phase = System.currentTimeMillis();
            Thread reader =
                    new Thread(
                            () -> drain(c, latencies.length, latencies, phase), "latency-reader");
            reader.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < latencies.length; i++) {
                long due = t0 + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                send(producer, p, i % keys, System.currentTimeMillis());
            }
            producer.flush();
            reader.join(120_000);
            Arrays.sort(latencies);
            System.out.println(
                    String.format(
                            Locale.ROOT,
                            "%-14s backlog %d events in %.1f s = %.0f events/s (%d seen); at %d events/s:"
                                    + " latency p50 %d ms, p99 %d ms",
                            guarantee,
                            backlog,
                            secs,
                            backlog / secs,
                            seen,
                            rate,
                            latencies[latencies.length / 2],
                            latencies[(int) (latencies.length * 0.99)]));
            System.out.flush();
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String p, int k, long ts) {
        String key = "k" + k;
        String json =
                "{\"key\":\""
                        + key
                        + "\",\"ts\":"
                        + ts
                        + ",\"features\":[0.1,0.2,0.3,"
                        + (k % 7) / 7.0
                        + "]}";
        producer.send(
                new ProducerRecord<>(
                        p + "events",
                        key.getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads n predictions; with latencies, records now − event ts of those after phaseStart. */
    private static long drain(
            KafkaConsumer<byte[], byte[]> c, int n, long[] latencies, long phaseStart) {
        long seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                long ts = eventTime(r.value());
                if (latencies == null) {
                    seen++;
                } else if (ts >= phaseStart && seen < n) {
                    latencies[(int) seen++] = now - ts;
                }
            }
        }
        return seen;
    }

    private static long eventTime(byte[] json) {
        String s = new String(json, 0, Math.min(json.length, 120), StandardCharsets.UTF_8);
        int i = s.indexOf("\"ts\":") + 5;
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return Long.parseLong(s.substring(i, j));
    }
}
