package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.kafka.KafkaWiring;
import io.keyedrnn.serve.PredictionFormat;
import io.keyedrnn.serve.ScoringConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented settings file, overrides, errors that name the setting, and secret masking. */
class ScoringJobConfigTest {
    private static final Path DOCUMENTED = Path.of("..", "config", "scoring.yaml");

    @TempDir Path tmp;

    @Test
    void theDocumentedFileLoadsAndItsValuesAreTheCodeDefaults() throws Exception {
        ScoringJobConfig file = ScoringJobConfig.load(DOCUMENTED, null);
        ScoringJobConfig none = ScoringJobConfig.of(Map.of());
        assertEquals(ScoringConfig.DEFAULTS, ScoringConfig.fromMap(file.scoringSettings()));
        assertEquals(none.deliveryGuarantee(), file.deliveryGuarantee());
        assertEquals(none.stateBackend(), file.stateBackend());
        assertEquals(none.startingOffsets(), file.startingOffsets());
        Properties raw = new Properties();
        try (Reader r = Files.newBufferedReader(DOCUMENTED)) {
            raw.load(r);
        }
        for (Map.Entry<String, String> d : ScoringJobConfig.DEFAULTS.entrySet()) {
            assertEquals(d.getValue(), raw.getProperty(d.getKey()), "documented " + d.getKey());
        }
        assertEquals(
                FlinkSetup.configuration(none).toMap().get("pipeline.max-parallelism"),
                FlinkSetup.configuration(file).toMap().get("pipeline.max-parallelism"));
        assertEquals(
                FlinkSetup.configuration(none).toMap().get("execution.checkpointing.interval"),
                FlinkSetup.configuration(file).toMap().get("execution.checkpointing.interval"));
        assertEquals("events", file.required("events.topic"));
    }

    @Test
    void predictionFormatIsJsonUnlessCborIsAsked() throws Exception {
        assertEquals(
                PredictionFormat.JSON,
                ScoringJob.options(ScoringJobConfig.of(Map.of())).predictionFormat());
        assertEquals(
                PredictionFormat.CBOR,
                ScoringJob.options(ScoringJobConfig.of(Map.of("prediction.format", "CBOR")))
                        .predictionFormat());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScoringJobConfig.of(Map.of("prediction.format", "xml")));
        assertTrue(e.getMessage().contains("prediction.format"), e.getMessage());
        assertTrue(e.getMessage().contains("json or cbor"), e.getMessage());
    }

    @Test
    void aCheckpointDirWithoutSchemeIsALocalDirectory() {
        String plain = tmp.resolve("ckpt").toString();
        ScoringJobConfig c = ScoringJobConfig.of(Map.of("checkpoint.dir", plain));
        assertEquals(tmp.resolve("ckpt").toUri().toString(), c.checkpointDir());
        assertEquals(
                c.checkpointDir(),
                FlinkSetup.configuration(c).toMap().get("execution.checkpointing.dir"));
        assertTrue(JobIdentity.of(c).savepointDir().toUri().getScheme().equals("file"));
        ScoringJobConfig s3 = ScoringJobConfig.of(Map.of("checkpoint.dir", "s3://b/cp"));
        assertEquals("s3://b/cp", s3.checkpointDir());
        assertEquals(
                "file:///tmp/keyed-rnn/checkpoints", ScoringJobConfig.of(Map.of()).checkpointDir());
    }

    @Test
    void overridesWinOverTheFile() {
        ScoringJobConfig c =
                ScoringJobConfig.load(DOCUMENTED, Map.of("events.topic", "mine", "ring.size", "7"));
        assertEquals("mine", c.required("events.topic"));
        assertEquals(7, ScoringConfig.fromMap(c.scoringSettings()).ringSize());
    }

    @Test
    void onlyRocksDbKeepsTheRingInItsOwnState() throws Exception {
        assertFalse(ScoringJob.options(ScoringJobConfig.of(Map.of())).ringInOwnState());
        assertTrue(
                ScoringJob.options(ScoringJobConfig.of(Map.of("state.backend", "rocksdb")))
                        .ringInOwnState());
    }

    @Test
    void unknownAndBadSettingsAreNamed() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, "events.topic: e\nevent.topic: typo\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScoringJobConfig.load(f, null));
        assertTrue(e.getMessage().contains("[event.topic]"), e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScoringJobConfig.of(Map.of("delivery.guarantee", "twice")));
        assertTrue(e.getMessage().contains("delivery.guarantee"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScoringJobConfig.of(Map.of("checkpoint.interval.ms", "soon")));
        assertTrue(e.getMessage().contains("checkpoint.interval.ms"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScoringJobConfig.of(Map.of("ring.size", "-1")));
        assertTrue(e.getMessage().contains("ring.size"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ScoringJobConfig.of(Map.of()).required("bootstrap.servers"));
        assertTrue(e.getMessage().contains("bootstrap.servers"), e.getMessage());
    }

    @Test
    void secretsAreMaskedAndTheRestIsNot() {
        ScoringJobConfig c =
                ScoringJobConfig.of(
                        Map.of(
                                "kafka.sasl.jaas.config",
                                        "ScramLoginModule required password=\"p4\";",
                                "kafka.ssl.truststore.password", "hunter2",
                                "kafka.ssl.key.password", "k3y",
                                "fields.token", "event.token",
                                "bootstrap.servers", "b:9092"));
        String shown = c.toString();
        for (String secret : new String[] {"p4", "hunter2", "k3y"}) {
            assertTrue(!shown.contains(secret), shown);
        }
        assertTrue(shown.contains("fields.token=event.token"), shown);
        assertTrue(shown.contains("bootstrap.servers=b:9092"), shown);
        assertEquals(Secrets.MASK, c.masked().get("kafka.ssl.truststore.password"));
    }

    @Test
    void flinkAndKafkaPassThrough() {
        ScoringJobConfig c =
                ScoringJobConfig.of(
                        Map.of(
                                "bootstrap.servers", "b:9092",
                                "state.backend", "rocksdb",
                                "flink.execution.checkpointing.interval", "5 s",
                                "kafka.security.protocol", "SSL"));
        Configuration f = FlinkSetup.configuration(c);
        assertEquals("rocksdb", f.toMap().get("state.backend.type"));
        assertEquals("5 s", f.toMap().get("execution.checkpointing.interval"));
        assertEquals("SSL", KafkaWiring.clientProperties(c).get("security.protocol"));
    }

    @Test
    void theBufferTimeoutReachesTheEnvironment() {
        StreamExecutionEnvironment byDefault =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkSetup.configuration(ScoringJobConfig.of(Map.of())));
        assertEquals(10, byDefault.getBufferTimeout());
        StreamExecutionEnvironment set =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkSetup.configuration(
                                ScoringJobConfig.of(Map.of("buffer.timeout.ms", "3"))));
        assertEquals(3, set.getBufferTimeout());
        Configuration passedThrough =
                FlinkSetup.configuration(
                        ScoringJobConfig.of(
                                Map.of(
                                        "buffer.timeout.ms", "3",
                                        "flink.execution.buffer-timeout.interval", "7 ms")));
        assertEquals("7 ms", passedThrough.toMap().get("execution.buffer-timeout.interval"));
    }
}
