package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.scoring.CheckpointFiles;
import io.keyedrnn.jobs.scoring.JobIdentity;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code score} starts from: its newest checkpoint, --fresh, or --from-savepoint PATH. */
class ResumeChoiceTest {
    @TempDir Path dir;
    private ScoringJobConfig config;
    private JobIdentity id;
    private Path job;
    private final StringWriter said = new StringWriter();

    @BeforeEach
    void identity() {
        config = ScoringJobConfig.of(Map.of("checkpoint.dir", dir.toString()));
        id = JobIdentity.of(config);
        job = Path.of(id.jobDir().toUri().getPath());
    }

    private ScoreRun decide(boolean fresh, String fromSavepoint) throws Exception {
        return ResumeChoice.decide(id, fresh, fromSavepoint, config, new PrintWriter(said, true));
    }

    @Test
    void resumesFromItsNewestCheckpointAndClaimsIt() throws Exception {
        CheckpointFiles.write(job.resolve("chk-8"), 8);
        ScoreRun run = decide(false, null);
        assertEquals(8, run.from().checkpointId());
        assertTrue(run.restore().getRestorePath().endsWith("chk-8"), run.restore().toString());
        assertFalse(run.restore().allowNonRestoredState(), "another job's state is refused");
        assertEquals(RecoveryClaimMode.CLAIM, run.restore().getRecoveryClaimMode());
        assertTrue(said.toString().contains("resuming job " + id.jobId() + " from checkpoint 8"));
    }

    @Test
    void aCorruptCheckpointIsAnErrorNamingItNotAFreshStart() throws Exception {
        CheckpointFiles.corrupt(job.resolve("chk-3"), new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
        JobException e = assertThrows(JobException.class, () -> decide(false, null));
        assertEquals(JobException.FAILED, e.exitCode());
        assertTrue(e.getMessage().contains(job.resolve("chk-3").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--fresh"), e.getMessage());
        assertFalse(said.toString().contains("empty state"), said.toString());
        assertTrue(Files.exists(job.resolve("chk-3/_metadata")), "left where it was");
    }

    @Test
    void freshStartsFromNothingEvenWithACheckpointAndMovesItAside() throws Exception {
        CheckpointFiles.write(job.resolve("chk-8"), 8);
        ScoreRun run = decide(true, null);
        assertNull(run.from());
        assertFalse(run.restore().restoreSavepoint());
        assertFalse(Files.exists(job), "the old checkpoints cannot be resumed by accident");
        Path aside = replaced();
        assertTrue(Files.exists(aside.resolve("chk-8/_metadata")), "moved, not deleted");
        assertTrue(said.toString().contains("from empty state (--fresh)"), said.toString());
        assertTrue(said.toString().contains(aside.toString()), said.toString());
        // The next start without --fresh does not find them either.
        assertNull(decide(false, null).from());
    }

    @Test
    void fromSavepointResumesFromTheGivenOneWithoutClaimingIt() throws Exception {
        CheckpointFiles.write(job.resolve("chk-30"), 30);
        Path sp = dir.resolve("kept/savepoint-a");
        CheckpointFiles.write(sp, 11);
        ScoreRun run = decide(false, sp.toString());
        assertEquals(11, run.from().checkpointId(), "the given one, not the newer checkpoint");
        assertTrue(run.restore().getRestorePath().endsWith("kept/savepoint-a"));
        assertEquals(RecoveryClaimMode.NO_CLAIM, run.restore().getRecoveryClaimMode());
        assertTrue(said.toString().contains("(--from-savepoint)"), said.toString());
        assertFalse(Files.exists(job), "the job's own checkpoints moved aside");
    }

    @Test
    void fromSavepointInsideTheJobDirectoryFollowsItAside() throws Exception {
        CheckpointFiles.write(job.resolve("savepoints/savepoint-b"), 5);
        ScoreRun run = decide(false, job.resolve("savepoints/savepoint-b").toString());
        String path = run.restore().getRestorePath();
        // checkpoint.dir is a file: URI (a plain path given becomes one), and so is the path.
        String local = java.net.URI.create(path).getPath();
        assertTrue(local.startsWith(replaced().toString()), path);
        assertTrue(Files.exists(Path.of(local).resolve("_metadata")), path);
    }

    @Test
    void aBadSavepointPathIsAUsageErrorNamingIt() throws Exception {
        CheckpointFiles.write(job.resolve("chk-2"), 2);
        String missing = dir.resolve("no/such/savepoint").toString();
        JobException e = assertThrows(JobException.class, () -> decide(false, missing));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertTrue(Files.exists(job.resolve("chk-2/_metadata")), "nothing moved on an error");
    }

    @Test
    void freshAndFromSavepointExcludeEachOther() {
        JobException e = assertThrows(JobException.class, () -> decide(true, "x"));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
    }

    private Path replaced() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".replaced-"))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
