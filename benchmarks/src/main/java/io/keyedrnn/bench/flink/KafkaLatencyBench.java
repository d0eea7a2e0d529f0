package io.keyedrnn.bench.flink;

import io.keyedrnn.jobs.common.JobSettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka → scoring job → Kafka through the embedded broker (not a test): throughput of a backlog
 * then latency from produce to a prediction visible to a read_committed consumer at each steady
 * rate (p50, p99, p99.9, max).
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.flink.KafkaLatencyBench
 *   [--keys 10000] [--backlog 400000] [--rate 5000,50000] [--seconds 20] [--hidden 64]
 *   [--checkpoint-ms 1000] [--parallelism 2] [--guarantee at-least-once,exactly-once]
 *   [--batch 32,1] [--buffer-timeout-ms N] [--sink-linger-ms N] [--producer-linger-ms 0]
 *   [--warmup 400000]</pre>
 *
 * <p>First an unrecorded at-least-once job scores a backlog of {@code --warmup} events (0: none),
 * since the first job in a JVM is slower while the JIT compiles. Then one job per delivery
 * guarantee and {@code --batch} size ({@code batch.size}; 1: unbatched), each measured at every
 * {@code --rate} in the order given. {@code --buffer-timeout-ms} sets the job's {@code
 * buffer.timeout.ms} (default: the job's default), {@code --sink-linger-ms} the job's Kafka
 * clients' {@code linger.ms} ({@code kafka.linger.ms}; default: Kafka's); {@code
 * --producer-linger-ms} is this harness's own event producer's. A latency is the time from the send
 * call to the prediction's poll, so the harness's producer and consumer are part of it.
 */
public final class KafkaLatencyBench {
    private KafkaLatencyBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = ThroughputBench.Args.parse(args);
        int hidden = Integer.parseInt(a.getOrDefault("hidden", "64"));
        Path dir = Files.createTempDirectory("keyed-rnn-kafka-bench-");
        Path model = dir.resolve("model.safetensors");
        Files.write(model, ThroughputBench.model(4, hidden));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                LocalFlink flink = LocalFlink.start(1, 2, new Configuration())) {
            warmup(a, kafka, flink, dir, model);
            for (String guarantee :
                    a.getOrDefault("guarantee", "at-least-once,exactly-once").split(",")) {
                for (String batch : a.getOrDefault("batch", "32,1").split(",")) {
                    String p = guarantee.trim().substring(0, 2) + "-b" + batch.trim() + "-";
                    Map<String, String> s = settings(a, kafka, dir, model, p);
                    s.put("delivery.guarantee", guarantee.trim());
                    s.put("batch.size", batch.trim());
                    benchJob(a, kafka, flink, p, "", ScoringJobConfig.of(s));
                }
            }
        }
    }

    /** An unrecorded at-least-once job on a backlog, so JIT warm-up misses the measured jobs. */
    private static void warmup(
            Map<String, String> a, EmbeddedKafka kafka, LocalFlink flink, Path dir, Path model)
            throws Exception {
        String events = a.getOrDefault("warmup", "400000");
        if (Integer.parseInt(events) == 0) {
            return;
        }
        Map<String, String> s = settings(a, kafka, dir, model, "warmup-");
        s.put("delivery.guarantee", "at-least-once");
        Map<String, String> w = new HashMap<>(a);
        w.put("backlog", events);
        w.put("rate", "");
        benchJob(w, kafka, flink, "warmup-", "warm-up (not counted), ", ScoringJobConfig.of(s));
    }

    private static Map<String, String> settings(
            Map<String, String> a, EmbeddedKafka kafka, Path dir, Path model, String p)
            throws Exception {
        kafka.createTopics(2, p + "events", p + "predictions");
        kafka.createTopics(1, p + "dead");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), p + "models");
        Map<String, String> s = new HashMap<>();
        s.put("bootstrap.servers", kafka.bootstrapServers());
        s.put("events.topic", p + "events");
        s.put("predictions.topic", p + "predictions");
        s.put("models.topic", p + "models");
        s.put("dead.letter.topic", p + "dead");
        s.put("transactional.id.prefix", p + "tx");
        s.put("transaction.timeout.ms", "60000");
        s.put("checkpoint.interval.ms", a.getOrDefault("checkpoint-ms", "1000"));
        s.put("checkpoint.dir", dir.resolve(p + "cp").toUri().toString());
        s.put("parallelism", a.getOrDefault("parallelism", "2"));
        s.put("model.path", model.toString());
        if (a.containsKey("buffer-timeout-ms")) {
            s.put("buffer.timeout.ms", a.get("buffer-timeout-ms"));
        }
        if (a.containsKey("sink-linger-ms")) {
            s.put("kafka.linger.ms", a.get("sink-linger-ms"));
        }
        return s;
    }

    private static void benchJob(
            Map<String, String> a,
            EmbeddedKafka kafka,
            LocalFlink flink,
            String p,
            String prefix,
            ScoringJobConfig c)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSetup.configuration(c));
        ScoringJob.kafka(c).build(env);
        String label =
                prefix
                        + String.format(
                                "%s, batch.size %d, buffer.timeout.ms %d:",
                                c.deliveryGuarantee(),
                                c.get(JobSettings.BATCH_SIZE),
                                c.get(JobSettings.BUFFER_TIMEOUT_MS));
        JobID job = flink.submit(env, "kafka bench " + label, null);
        flink.awaitRunning(job, Duration.ofMinutes(1));
        int keys = Integer.parseInt(a.getOrDefault("keys", "10000"));
        int seconds = Integer.parseInt(a.getOrDefault("seconds", "20"));
        try (KafkaConsumer<byte[], byte[]> reader = predictionsReader(kafka, p);
                KafkaProducer<byte[], byte[]> producer = producer(kafka, a)) {
            LatencyProbe probe = new LatencyProbe(producer, p + "events", reader, keys);
            probe.backlog(label, Integer.parseInt(a.getOrDefault("backlog", "400000")));
            for (String rate : a.getOrDefault("rate", "5000,50000").split(",")) {
                if (!rate.isBlank()) {
                    probe.steady(label, Integer.parseInt(rate.trim()), seconds);
                }
            }
        }
        flink.cancel(job);
    }

    private static KafkaConsumer<byte[], byte[]> predictionsReader(EmbeddedKafka kafka, String p) {
        KafkaConsumer<byte[], byte[]> c = KafkaIo.committedReader(kafka.bootstrapServers());
        List<TopicPartition> parts = new ArrayList<>();
        c.partitionsFor(p + "predictions")
                .forEach(i -> parts.add(new TopicPartition(p + "predictions", i.partition())));
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    /** The events producer: idempotent, acks=all, with the harness's own linger.ms. */
    private static KafkaProducer<byte[], byte[]> producer(
            EmbeddedKafka kafka, Map<String, String> a) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, a.getOrDefault("producer-linger-ms", "0"));
        return new KafkaProducer<>(p);
    }

    /** One numeric event of key {@code k}, stamped with the send time. */
    static ProducerRecord<byte[], byte[]> event(String topic, int k, long ts) {
        String key = "k" + k;
        String json =
                "{\"key\":\""
                        + key
                        + "\",\"ts\":"
                        + ts
                        + ",\"features\":[0.1,0.2,0.3,"
                        + (k % 7) / 7.0
                        + "]}";
        return new ProducerRecord<>(
                topic, key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
