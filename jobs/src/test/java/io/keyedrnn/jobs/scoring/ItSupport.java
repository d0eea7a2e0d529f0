package io.keyedrnn.jobs.scoring;

import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.jobs.cli.Replay;
import io.keyedrnn.jobs.cli.ReplaySettings;
import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.jobs.local.LocalFlink;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Events, models, job settings, Kafka reads and replay for the scoring ITCases. */
final class ItSupport {
    static final int FEATURES = 3;
    static final Map<String, String> SCORING = Map.of("ring.size", "8", "warmup.events", "3");

    private ItSupport() {}

    /**
     * Event lines as one source subtask of raw records (one subtask keeps each key's order, as
     * Kafka partitions by key do), and a model stream with only a tombstone.
     */
    static Streams inMemory(StreamExecutionEnvironment env, List<String> lines) {
        List<RawRecord> raws = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
            raws.add(new RawRecord(b, "events", 0, i, RawRecord.NO_TIMESTAMP));
        }
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        return new Streams(
                env.fromData(raws, type).setParallelism(1),
                env.fromData(List.of(new RawRecord(null, "models", 0, 0, 0)), type)
                        .setParallelism(1));
    }

    /** The two inputs of the scoring pipeline. */
    record Streams(DataStream<RawRecord> events, DataStream<RawRecord> models) {}

    static Model model(long version, long seed) {
        return new Model(
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, FEATURES, 16, 1), seed),
                ModelMetadata.empty().withVersion(version));
    }

    static Path writeModel(Model m, Path dir, String name) throws Exception {
        Path p = dir.resolve(name);
        ModelFile.write(m, p);
        return p;
    }

    /** One event line: key k at step t, smooth per key with an occasional spike. */
    static byte[] event(int k, int t) {
        double spike = (t % 37 == 11 && k % 3 == 0) ? 4 : 0;
        StringBuilder sb = new StringBuilder();
        sb.append("{\"key\":\"k")
                .append(k)
                .append("\",\"ts\":")
                .append(1_700_000_000_000L + t * 1000L);
        sb.append(",\"features\":[");
        for (int i = 0; i < FEATURES; i++) {
            float x =
                    (float)
                            (Math.sin(0.2 * t + k + i)
                                    + spike
                                    + 0.01 * ((k * 7 + t * 13 + i) % 10));
            sb.append(i > 0 ? "," : "").append(x);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Steps [from, to) of every key, interleaved by step. */
    static List<byte[]> events(int keys, int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys; k++) {
                out.add(event(k, t));
            }
        }
        return out;
    }

    /** Produces event lines keyed by their event key, so each key stays in one partition. */
    static void produce(EmbeddedKafka kafka, String topic, List<byte[]> lines) {
        try (KafkaProducer<byte[], byte[]> p = KafkaIo.producer(kafka.bootstrapServers())) {
            for (byte[] line : lines) {
                p.send(
                        new ProducerRecord<>(
                                topic, keyOf(line).getBytes(StandardCharsets.UTF_8), line));
            }
            p.flush();
        }
    }

    static String keyOf(byte[] line) {
        String s = new String(line, StandardCharsets.UTF_8);
        int i = s.indexOf("\"key\":\"");
        if (i < 0) {
            return "none";
        }
        return s.substring(i + 7, s.indexOf('"', i + 7));
    }

    /** Job settings against the embedded broker; topics are prefix + events/predictions/... */
    static Map<String, String> settings(EmbeddedKafka kafka, String prefix, Path checkpoints) {
        Map<String, String> m = new HashMap<>(SCORING);
        m.put("bootstrap.servers", kafka.bootstrapServers());
        m.put("events.topic", prefix + "events");
        m.put("predictions.topic", prefix + "predictions");
        m.put("models.topic", prefix + "models");
        m.put("dead.letter.topic", prefix + "dead");
        m.put("group.id", prefix + "group");
        m.put("transactional.id.prefix", prefix + "tx");
        m.put("transaction.timeout.ms", "60000");
        m.put("checkpoint.interval.ms", "300");
        m.put("checkpoint.dir", checkpoints.toUri().toString());
        m.put("parallelism", "2");
        m.put("flink.restart-strategy.type", "fixed-delay");
        m.put("flink.restart-strategy.fixed-delay.attempts", "100");
        m.put("flink.restart-strategy.fixed-delay.delay", "200 ms");
        return m;
    }

    /** Creates the topics and returns settings whose start-up model is {@code model}. */
    static Map<String, String> withTopicsAndModel(
            EmbeddedKafka kafka, String prefix, Model model, Path dir) throws Exception {
        createTopics(kafka, prefix);
        Map<String, String> s = settings(kafka, prefix, dir.resolve("cp"));
        s.put("model.path", writeModel(model, dir, prefix + "model.safetensors").toString());
        return s;
    }

    static void createTopics(EmbeddedKafka kafka, String prefix) throws Exception {
        kafka.createTopics(2, prefix + "events", prefix + "predictions", prefix + "dead");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), prefix + "models");
    }

    static JobID submit(LocalFlink flink, ScoringJobConfig c, String savepoint) throws Exception {
        Configuration conf = FlinkSetup.configuration(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        ScoringJob.kafka(c).build(env);
        return flink.submit(env, c.get("group.id", "job"), savepoint);
    }

    /** Committed records of a topic grouped by record key, each key's values in order. */
    static Map<String, List<String>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Reads committed records until at least n are there (or 2 minutes pass). */
    static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, String topic, int n) {
        return KafkaIo.readUntil(
                kafka.bootstrapServers(), topic, l -> l.size() >= n, Duration.ofMinutes(2));
    }

    /** The replay command's output for these event lines, grouped by key. */
    static Map<String, List<String>> replay(Model model, List<byte[]> lines, boolean state)
            throws Exception {
        return replayRun(model, lines, state, SCORING).byKey;
    }

    record ReplayRun(Replay replay, Map<String, List<String>> byKey, String errors) {}

    static ReplayRun replayRun(
            Model model, List<byte[]> lines, boolean state, Map<String, String> scoring)
            throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            in.write(l);
            in.write('\n');
        }
        Replay replay = new Replay(model, ReplaySettings.load(null, scoring), state);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        replay.run(new ByteArrayInputStream(in.toByteArray()), out, new PrintWriter(err, true));
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                byKey.computeIfAbsent(
                                keyOf(line.getBytes(StandardCharsets.UTF_8)),
                                k -> new ArrayList<>())
                        .add(line);
            }
        }
        return new ReplayRun(replay, new TreeMap<>(byKey), err.toString());
    }
}
