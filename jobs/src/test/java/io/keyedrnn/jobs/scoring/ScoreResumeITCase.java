package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyed-rnn score} in-process, given a checkpoint that reads but belongs to another job
 * graph (state of an operator this job does not have): it exits 1 with an error naming the
 * checkpoint, from the job's own directory and from {@code --from-savepoint}, instead of starting
 * from empty state. (Unreadable metadata and the choice itself: {@code ResumeChoiceTest}.)
 */
class ScoreResumeITCase {
    private static final Map<String, String> IDENTITY =
            Map.of("group.id", "resume-group", "transactional.id.prefix", "resume-tx");

    private static EmbeddedKafka kafka;
    @TempDir static Path tmp;
    private static Path model;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "e", "p", "d");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "m");
        model = ItSupport.writeModel(ItSupport.model(1, 7), tmp, "model.safetensors");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A checkpoint of another job: coordinator state of an operator unknown to this one. */
    private static void foreignCheckpoint(Path dir, long id) throws Exception {
        OperatorState state = new OperatorState("other", "other-uid", new OperatorID(), 1, 128);
        state.setCoordinatorState(new ByteStreamStateHandle("other-state", new byte[] {1, 2, 3}));
        CheckpointFiles.write(dir, id, List.of(state));
    }

    private static String[] score(Path checkpoints, String... extra) {
        List<String> args =
                ScoreCli.args(
                        kafka.bootstrapServers(),
                        "d",
                        "--model",
                        model.toString(),
                        "--set",
                        "checkpoint.dir=" + checkpoints.toUri(),
                        "--set",
                        "parallelism=1");
        IDENTITY.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of(extra));
        ScoreCli.Result r = ScoreCli.run(args);
        return new String[] {String.valueOf(r.code()), r.err()};
    }

    private static Path jobDir(Path checkpoints) {
        Map<String, String> m = new java.util.HashMap<>(IDENTITY);
        m.put("checkpoint.dir", checkpoints.toUri().toString());
        return Path.of(JobIdentity.of(ScoringJobConfig.of(m)).jobDir().toUri());
    }

    @Test
    void anotherJobsCheckpointInTheJobDirectoryIsAnErrorNamingIt() throws Exception {
        Path checkpoints = tmp.resolve("own");
        Path chk = jobDir(checkpoints).resolve("chk-5");
        foreignCheckpoint(chk, 5);
        String[] r = score(checkpoints);
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("cannot resume from checkpoint 5 at "), r[1]);
        assertTrue(r[1].contains("chk-5"), r[1]);
        assertTrue(r[1].contains("--fresh"), r[1]);
        assertFalse(r[1].contains("from empty state"), r[1]);
        assertTrue(r[1].contains("Cannot map checkpoint/savepoint state"), r[1]);
        assertFalse(r[1].contains("allowNonRestoredState"), "no option score lacks: " + r[1]);
        assertFalse(r[1].contains("\tat "), "the cause, not a stack trace: " + r[1]);
        assertTrue(Files.exists(chk.resolve("_metadata")), "left in place for the user");
    }

    @Test
    void anotherJobsSavepointGivenWithFromSavepointIsAnErrorNamingIt() throws Exception {
        Path sp = tmp.resolve("foreign/savepoint-f");
        foreignCheckpoint(sp, 9);
        String[] r = score(tmp.resolve("given"), "--from-savepoint", sp.toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("cannot resume from savepoint 9 at "), r[1]);
        assertTrue(r[1].contains("savepoint-f"), r[1]);
        assertFalse(r[1].contains("\tat "), "the cause, not a stack trace: " + r[1]);
    }
}
