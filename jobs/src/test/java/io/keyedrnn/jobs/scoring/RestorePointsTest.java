package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which checkpoint or savepoint a job resumes from, and the errors that name an unusable one. */
class RestorePointsTest {
    @TempDir Path dir;
    private JobIdentity id;
    private Path job;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void identity() {
        id = JobIdentity.of(ScoringJobConfig.of(Map.of("checkpoint.dir", dir.toString())));
        job = Path.of(id.jobDir().toUri().getPath());
    }

    private Optional<RestorePoint> newest() throws IOException {
        return RestorePoints.newest(id, warnings::add);
    }

    @Test
    void nothingUnderTheJobDirectoryMeansEmptyState() throws Exception {
        assertTrue(newest().isEmpty());
        // A checkpoint still being written has no _metadata yet.
        Files.createDirectories(job.resolve("chk-9"));
        Files.createDirectories(job.resolve("shared"));
        assertTrue(newest().isEmpty());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void theHighestIdWinsAmongCheckpointsAndSavepoints() throws Exception {
        CheckpointFiles.write(job.resolve("chk-3"), 3);
        CheckpointFiles.write(job.resolve("chk-12"), 12);
        CheckpointFiles.write(job.resolve("savepoints/savepoint-ab12-0123"), 14);
        RestorePoint p = newest().orElseThrow();
        assertEquals(14, p.checkpointId());
        assertTrue(p.savepoint());
        assertTrue(p.path().endsWith("savepoints/savepoint-ab12-0123"), p.path());
        Files.delete(job.resolve("savepoints/savepoint-ab12-0123/_metadata"));
        p = newest().orElseThrow();
        assertEquals(12, p.checkpointId());
        assertFalse(p.savepoint());
    }

    @Test
    void aCorruptOnlyCheckpointIsAnErrorNamingIt() throws Exception {
        CheckpointFiles.corrupt(job.resolve("chk-7"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        IOException e = assertThrows(IOException.class, this::newest);
        assertTrue(e.getMessage().startsWith("cannot resume job " + id.jobId()), e.getMessage());
        assertTrue(e.getMessage().contains(job.resolve("chk-7").toString()), e.getMessage());
    }

    @Test
    void aForeignFileInPlaceOfTheMetadataIsAnErrorNamingIt() throws Exception {
        byte[] model = "{\"__metadata__\":{}}".getBytes(StandardCharsets.UTF_8);
        CheckpointFiles.corrupt(job.resolve("savepoints/savepoint-x"), model);
        IOException e = assertThrows(IOException.class, this::newest);
        assertTrue(e.getMessage().contains("savepoints/savepoint-x"), e.getMessage());
    }

    @Test
    void aCorruptNewestIsPassedOverWithAWarningWhenAnOlderOneReads() throws Exception {
        CheckpointFiles.write(job.resolve("chk-4"), 4);
        CheckpointFiles.corrupt(job.resolve("chk-5"), new byte[0]);
        assertEquals(4, newest().orElseThrow().checkpointId());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("chk-5"), warnings.get(0));
    }

    @Test
    void aGivenPathIsReadOrNamedInTheError() throws Exception {
        Path sp = dir.resolve("elsewhere/savepoint-1");
        CheckpointFiles.write(sp, 21);
        assertEquals(21, RestorePoints.at(sp.toString()).checkpointId());
        assertEquals(21, RestorePoints.at(sp.resolve("_metadata").toString()).checkpointId());
        assertTrue(RestorePoints.at(sp.toString()).savepoint());

        String missing = dir.resolve("no-such-savepoint").toString();
        IOException e = assertThrows(IOException.class, () -> RestorePoints.at(missing));
        assertTrue(e.getMessage().startsWith("cannot resume from " + missing), e.getMessage());

        Path bad = dir.resolve("bad-savepoint");
        CheckpointFiles.corrupt(bad, new byte[] {42});
        e = assertThrows(IOException.class, () -> RestorePoints.at(bad.toString()));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void settingAsideRenamesTheJobDirectory() throws Exception {
        assertTrue(RestorePoints.setAside(id, 5).isEmpty(), "nothing to move");
        CheckpointFiles.write(job.resolve("chk-1"), 1);
        org.apache.flink.core.fs.Path aside = RestorePoints.setAside(id, 77).orElseThrow();
        assertTrue(aside.getName().endsWith(".replaced-77"), aside.toString());
        assertFalse(Files.exists(job));
        assertTrue(Files.exists(Path.of(aside.toUri().getPath()).resolve("chk-1/_metadata")));
        assertTrue(newest().isEmpty());
    }
}
