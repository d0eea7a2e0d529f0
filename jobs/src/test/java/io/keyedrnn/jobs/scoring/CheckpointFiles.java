package io.keyedrnn.jobs.scoring;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/** Checkpoint and savepoint directories on disk, written with Flink's own metadata format. */
public final class CheckpointFiles {
    private CheckpointFiles() {}

    /** {@code dir/_metadata} of a completed checkpoint with this id and no operator state. */
    public static Path write(Path dir, long id) throws IOException {
        return write(dir, id, List.of());
    }

    /** {@code dir/_metadata} of a completed checkpoint with this id and these operator states. */
    public static Path write(Path dir, long id, Collection<OperatorState> states)
            throws IOException {
        Files.createDirectories(dir);
        Path m = dir.resolve("_metadata");
        try (OutputStream out = Files.newOutputStream(m)) {
            Checkpoints.storeCheckpointMetadata(
                    new CheckpointMetadata(id, states, List.of()), new DataOutputStream(out));
        }
        return m;
    }

    /** {@code dir/_metadata} holding bytes that are not Flink checkpoint metadata. */
    public static Path corrupt(Path dir, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve("_metadata"), bytes);
    }
}
