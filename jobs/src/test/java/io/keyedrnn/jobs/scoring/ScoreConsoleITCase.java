package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code keyed-rnn score} says on the console as it starts, in-process on a real broker: where
 * its REST API is (on loopback) and that the start-up model has no version.
 */
class ScoreConsoleITCase {
    private static final Pattern ENDPOINT =
            Pattern.compile(
                    "score: Flink (?:web UI and REST API|REST API \\(no web UI\\)) at (\\S+)");

    private static EmbeddedKafka kafka;
    @TempDir static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "e", "p", "d");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "m");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void saysWhereTheRestApiIsOnLoopbackAndThatTheModelHasNoVersion() throws Exception {
        Model versionless = ItSupport.model(1, 3);
        Path model =
                ItSupport.writeModel(
                        new Model(versionless.network(), ModelMetadata.empty()),
                        tmp,
                        "noversion.safetensors");
        // A savepoint of another job makes the run end by itself right after the cluster is up
        // and has said where it listens, so the test needs no signal to stop it.
        Path savepoint = tmp.resolve("foreign/savepoint-1");
        OperatorState state = new OperatorState("other", "other-uid", new OperatorID(), 1, 128);
        state.setCoordinatorState(new ByteStreamStateHandle("other-state", new byte[] {1}));
        CheckpointFiles.write(savepoint, 1, List.of(state));
        ScoreCli.Result r =
                ScoreCli.run(
                        ScoreCli.args(
                                kafka.bootstrapServers(),
                                "d",
                                "--model",
                                model.toString(),
                                "--from-savepoint",
                                savepoint.toString(),
                                "--set",
                                "checkpoint.dir=" + tmp.resolve("chk").toUri(),
                                "--set",
                                "parallelism=1"));
        int code = r.code();
        String console = r.err();
        assertEquals(1, code, console);
        Matcher m = ENDPOINT.matcher(console);
        assertTrue(m.find(), "no line saying where the REST API is:\n" + console);
        URI rest = URI.create(m.group(1));
        assertEquals("127.0.0.1", rest.getHost(), console);
        assertTrue(rest.getPort() > 0, console);
        assertTrue(console.contains("(this machine only)"), console);
        assertTrue(
                console.contains(
                        "score: warning: "
                                + model
                                + ": the model metadata has no version; it is served as version"
                                + " 0"),
                console);
    }
}
