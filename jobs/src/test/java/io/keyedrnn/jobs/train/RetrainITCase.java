package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.jobs.Cli;
import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.jobs.scoring.FlinkSetup;
import io.keyedrnn.jobs.scoring.ScoringJob;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: events in Kafka → {@code keyed-rnn train} (Flink BATCH from the topic) → a model on
 * the models topic → the running scoring job swaps to it and predicts a learnable stream (noisy
 * sinusoids per key) with a mean squared error (raw units, each forecast against the key's next
 * event) below half of the untrained model's. Also: training from files on the cluster, and the
 * refusal of a run that does not beat the model on the topic.
 */
class RetrainITCase {
    private static final int KEYS = 6;
    private static final int HISTORY = 400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static EmbeddedKafka kafka;
    @TempDir static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, "events");
        kafka.createTopics(1, "predictions", "dead");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "models");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void produce(String topic, List<String> lines) {
        try (KafkaProducer<byte[], byte[]> p = KafkaIo.producer(kafka.bootstrapServers())) {
            for (String line : lines) {
                JsonNode n = parse(line);
                byte[] key =
                        (n != null ? n.path("key").asText("none") : "none")
                                .getBytes(StandardCharsets.UTF_8);
                p.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void trainedModelReachesTheRunningJobAndPredictsBetter() throws Exception {
        List<String> history = new ArrayList<>(TrainData.sines(KEYS, 0, HISTORY, 1));
        List<String> bad =
                List.of(
                        "{\"key\":\"k0\",\"features\":[NaN,1]}",
                        "not json",
                        "{\"key\":\"lonely\",\"ts\":5,\"features\":[1,2]}");
        produce("events", history);
        produce("events", bad);
        Model untrained =
                new Model(
                        NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 8, 1), 3),
                        ModelMetadata.empty().withVersion(1));
        Path v1 = tmp.resolve("v1.safetensors");
        ModelFile.write(untrained, v1);
        KafkaIo.send(
                kafka.bootstrapServers(),
                "models",
                0,
                "model".getBytes(StandardCharsets.UTF_8),
                List.of(ModelFile.toBytes(untrained)));

        JobClient scoring = startScoring(v1);
        try {
            List<JsonNode> before = predictions(HISTORY * KEYS + 1, p -> true);
            Run train =
                    cli(
                            "train",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--events-topic",
                            "events",
                            "--start-offsets",
                            "earliest",
                            "--end-offsets",
                            "latest",
                            "--publish",
                            "--models-topic",
                            "models",
                            "--out",
                            tmp.resolve("v2.safetensors").toString(),
                            "--hidden",
                            "8",
                            "--epochs",
                            "15",
                            "--lr",
                            "0.01",
                            "--parallelism",
                            "2");
            assertEquals(0, train.code(), train.err());
            assertTrue(train.out().contains("published to models/0@1"), train.out());
            List<ConsumerRecord<byte[], byte[]>> models =
                    KafkaIo.readAll(kafka.bootstrapServers(), "models", Duration.ofSeconds(30));
            assertEquals(2, models.size());
            Model v2 = ModelFile.read(models.get(1).value(), "models/0@1");
            assertEquals(2, v2.version());
            @SuppressWarnings("unchecked")
            Map<String, Object> skipped =
                    (Map<String, Object>) v2.metadata().training().get("skipped_events");
            assertEquals(
                    Map.of("invalid_json", 1, "non_finite_feature", 1, "single_event_key", 1),
                    skipped);

            // The stream goes on until the job has made plenty of forecasts with the new model.
            List<JsonNode> after = new ArrayList<>();
            int step = HISTORY;
            while (after.size() < 600 && step < HISTORY + 2000) {
                produce("events", TrainData.sines(KEYS, step, step + 100, step));
                step += 100;
                after = predictions(0, p -> p.path("model_version").asLong() == 2);
            }
            Map<String, float[]> events = featuresByKeyAndTime(history);
            for (int s = HISTORY; s < step; s += 100) {
                events.putAll(featuresByKeyAndTime(TrainData.sines(KEYS, s, s + 100, s)));
            }
            double errBefore = meanForecastError(before, events, 1);
            double errAfter = meanForecastError(after, events, 2);
            System.out.printf(
                    "forecast MSE: untrained %.4f, retrained %.4f%n", errBefore, errAfter);
            assertTrue(after.size() >= 600, "forecasts by version 2: " + after.size());
            assertTrue(
                    errAfter < 0.5 * errBefore,
                    "error after swap " + errAfter + " vs before " + errBefore);

            Run worse =
                    cli(
                            "train",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--events-topic",
                            "events",
                            "--end-offsets",
                            "latest",
                            "--publish",
                            "--models-topic",
                            "models",
                            "--out",
                            tmp.resolve("v3.safetensors").toString(),
                            "--hidden",
                            "8",
                            "--epochs",
                            "1",
                            "--lr",
                            "0.0001",
                            "--parallelism",
                            "2");
            assertEquals(1, worse.code(), worse.out() + worse.err());
            assertTrue(
                    worse.err()
                            .contains(
                                    "does not beat the current model's (version 2 from models/0@1)"),
                    worse.err());
            assertEquals(
                    2,
                    KafkaIo.readAll(kafka.bootstrapServers(), "models", Duration.ofSeconds(30))
                            .size());
        } finally {
            scoring.cancel().get();
        }
    }

    @Test
    void trainsFromFilesOnTheCluster() throws Exception {
        Path jsonl = TrainData.write(tmp, "a.jsonl", TrainData.sines(3, 0, 200, 5));
        List<String> csv = new ArrayList<>(List.of("key,ts,x,y"));
        for (String line : TrainData.sines(3, 0, 200, 6)) {
            JsonNode n = parse(line);
            csv.add(
                    "c"
                            + n.path("key").asText()
                            + ","
                            + n.path("ts").asLong()
                            + ","
                            + n.path("features").get(0).asDouble()
                            + ","
                            + n.path("features").get(1).asDouble());
        }
        csv.add("c9,1,NaN,2");
        Path csvFile = TrainData.write(tmp, "b.csv", csv);
        Path out = tmp.resolve("files.safetensors");
        Run r =
                cli(
                        "train",
                        "--events",
                        jsonl.toString(),
                        "--events",
                        csvFile.toString(),
                        "--out",
                        out.toString(),
                        "--epochs",
                        "3",
                        "--hidden",
                        "4",
                        "--model-version",
                        "7");
        assertEquals(0, r.code(), r.err());
        Model m = ModelFile.read(out);
        assertEquals(7, m.version());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) m.metadata().training().get("data");
        assertEquals(6, data.get("keys"));
        assertEquals(1200, data.get("events"));
        assertEquals(
                Map.of("non_finite_feature", 1), m.metadata().training().get("skipped_events"));
        Run missing =
                cli(
                        "train",
                        "--events",
                        tmp.resolve("nope.jsonl").toString(),
                        "--out",
                        out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.jsonl"), missing.err());
    }

    @Test
    void aModelTrainedFromFilesIsPublishedToTheModelsTopic() throws Exception {
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "models-files");
        Path events = TrainData.write(tmp, "pub.jsonl", TrainData.sines(3, 0, 200, 11));
        List<String> args =
                List.of(
                        "train",
                        "--events",
                        events.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--models-topic",
                        "models-files",
                        "--publish",
                        "--out",
                        tmp.resolve("pub.safetensors").toString(),
                        "--epochs",
                        "2",
                        "--hidden",
                        "4",
                        "--model-version",
                        "3");
        Run r = cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("published to models-files/0@0"), r.out());
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaIo.readAll(kafka.bootstrapServers(), "models-files", Duration.ofSeconds(30));
        assertEquals(1, records.size());
        assertEquals(3, ModelFile.read(records.get(0).value(), "models-files").version());
    }

    @Test
    void aScheduleWarmStartsEveryRoundFromTheModelInService() throws Exception {
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "models-loop");
        Path events = TrainData.write(tmp, "loop.jsonl", TrainData.sines(3, 0, 200, 11));
        List<String> base =
                List.of(
                        "train",
                        "--events",
                        events.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--models-topic",
                        "models-loop",
                        "--out",
                        tmp.resolve("loop.safetensors").toString());
        Run none = cli(with(base, "--init", "current"));
        assertEquals(2, none.code(), none.out() + none.err());
        assertTrue(none.err().contains("no model on the models topic models-loop yet"), none.err());

        Run first = cli(with(base, "--hidden", "4", "--epochs", "1", "--publish"));
        assertEquals(0, first.code(), first.out() + first.err());
        // No --hidden: a round that trained from scratch would have the default 32 units.
        Run loop =
                cli(
                        with(
                                base,
                                "--init",
                                "current",
                                "--publish",
                                "--epochs",
                                "6",
                                "--every",
                                "1s",
                                "--rounds",
                                "2"));
        assertEquals(0, loop.code(), loop.out() + loop.err());
        assertTrue(loop.out().contains("round 1 of 2") && loop.out().contains("round 2 of 2"));
        List<ConsumerRecord<byte[], byte[]>> models =
                KafkaIo.readAll(kafka.bootstrapServers(), "models-loop", Duration.ofSeconds(30));
        assertTrue(models.size() >= 2, loop.out());
        Model v1 = ModelFile.read(models.get(0).value(), "models-loop/0@0");
        Model v2 = ModelFile.read(models.get(1).value(), "models-loop/0@1");
        assertEquals(v1.version() + 1, v2.version());
        assertEquals(4, v2.network().topHiddenSize(), "warm start from the model in service");
    }

    private static String[] with(List<String> base, String... more) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aModelTrainedWithoutHoldOutIsPublishedOnlyWhenAskedExplicitly() throws Exception {
        kafka.createTopics(1, "events-all");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "models-all");
        produce("events-all", TrainData.sines(3, 0, 120, 8));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--events-topic",
                                "events-all",
                                "--publish",
                                "--models-topic",
                                "models-all",
                                "--out",
                                tmp.resolve("all.safetensors").toString(),
                                "--validation-fraction",
                                "0",
                                "--epochs",
                                "2",
                                "--hidden",
                                "4"));
        Run refused = cli(args.toArray(String[]::new));
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("--publish-unvalidated"), refused.err());
        assertFalse(refused.out().contains("epoch"), "refused before any work");

        args.add("--publish-unvalidated");
        Run published = cli(args.toArray(String[]::new));
        assertEquals(0, published.code(), published.out() + published.err());
        assertTrue(published.out().contains("no validation hold-out"), published.out());
        assertTrue(published.out().contains("published to models-all/0@0"), published.out());
        assertEquals(
                1,
                KafkaIo.readAll(kafka.bootstrapServers(), "models-all", Duration.ofSeconds(30))
                        .size());
    }

    @Test
    void missingTopicIsAUsageError() {
        Run r =
                cli(
                        "train",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--events-topic",
                        "no-such-topic",
                        "--out",
                        tmp.resolve("x.safetensors").toString());
        assertEquals(2, r.code());
        assertTrue(
                r.err()
                        .contains(
                                "topic 'no-such-topic' does not exist on "
                                        + kafka.bootstrapServers()),
                r.err());
    }

    private static JobClient startScoring(Path startupModel) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", kafka.bootstrapServers());
        m.put("events.topic", "events");
        m.put("predictions.topic", "predictions");
        m.put("models.topic", "models");
        m.put("dead.letter.topic", "dead");
        m.put("group.id", "retrain-it");
        m.put("model.path", startupModel.toString());
        m.put("delivery.guarantee", "at-least-once");
        m.put("checkpoint.interval.ms", "500");
        m.put("checkpoint.dir", tmp.resolve("checkpoints").toUri().toString());
        m.put("parallelism", "1");
        ScoringJobConfig c = ScoringJobConfig.of(m);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSetup.configuration(c));
        env.setParallelism(1);
        return ScoringJob.kafka(c).executeAsync(env, "scoring");
    }

    /** The predictions so far (at least n when n > 0, waiting for them) that pass the filter. */
    private static List<JsonNode> predictions(int n, java.util.function.Predicate<JsonNode> keep) {
        String bs = kafka.bootstrapServers();
        List<ConsumerRecord<byte[], byte[]>> records =
                n > 0
                        ? KafkaIo.readUntil(
                                bs, "predictions", l -> l.size() >= n, Duration.ofMinutes(2))
                        : KafkaIo.readAll(bs, "predictions", Duration.ofSeconds(30));
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode p = parse(new String(r.value(), StandardCharsets.UTF_8));
            if (p != null && keep.test(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Map<String, float[]> featuresByKeyAndTime(List<String> lines) {
        Map<String, float[]> m = new HashMap<>();
        for (String line : lines) {
            JsonNode n = parse(line);
            JsonNode f = n.path("features");
            m.put(
                    n.path("key").asText() + "@" + n.path("ts").asLong(),
                    new float[] {(float) f.get(0).asDouble(), (float) f.get(1).asDouble()});
        }
        return m;
    }

    /** Mean over forecasts of the given model version of the MSE against the key's next event. */
    private static double meanForecastError(
            List<JsonNode> predictions, Map<String, float[]> events, long version) {
        double sum = 0;
        long n = 0;
        for (JsonNode p : predictions) {
            float[] next =
                    events.get(p.path("key").asText() + "@" + (p.path("ts").asLong() + 1000));
            if (p.path("model_version").asLong() != version || next == null) {
                continue;
            }
            JsonNode y = p.path("prediction");
            double e = 0;
            for (int f = 0; f < 2; f++) {
                double d = y.get(f).asDouble() - next[f];
                e += d * d;
            }
            sum += e / 2;
            n++;
        }
        assertTrue(n > 100, "forecasts of version " + version + ": " + n);
        return sum / n;
    }
}
