package io.keyedrnn.jobs.scoring;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;

/**
 * Finds what a job can resume from: the completed checkpoints ({@code <job-dir>/chk-N/_metadata})
 * and the savepoints {@code score} took when stopped ({@code <job-dir>/savepoints/savepoint-*}),
 * each checked by reading its metadata.
 */
public final class RestorePoints {
    static final String METADATA = "_metadata";
    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");

    private RestorePoints() {}

    /**
     * The one with the highest checkpoint id, or empty when there is none. A newest one whose
     * metadata cannot be read is reported to {@code warn} and passed over when an older one reads
     * (the process died while writing it, so it never completed); when none reads, it is an error
     * naming them all.
     */
    public static Optional<RestorePoint> newest(JobIdentity id, Consumer<String> warn)
            throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.addAll(metadataFiles(id.jobDir(), true));
        candidates.addAll(metadataFiles(id.savepointDir(), false));
        List<RestorePoint> readable = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path m : candidates) {
            try {
                readable.add(read(m, !CHECKPOINT.matcher(m.getParent().getName()).matches()));
            } catch (IOException | RuntimeException e) {
                unreadable.add(m.getParent() + " (" + e.getMessage() + ")");
            }
        }
        if (readable.isEmpty() && !unreadable.isEmpty()) {
            throw new IOException(
                    "cannot resume job "
                            + id.jobId()
                            + ": no checkpoint under "
                            + id.jobDir()
                            + " can be read: "
                            + String.join("; ", unreadable));
        }
        unreadable.forEach(u -> warn.accept("passing over the unreadable " + u));
        return readable.stream()
                .max(
                        Comparator.comparingLong(RestorePoint::checkpointId)
                                .thenComparingLong(RestorePoint::writtenAtMs));
    }

    /** A checkpoint or savepoint directory given by the user; an error names it if unusable. */
    public static RestorePoint at(String dir) throws IOException {
        Path d = new Path(dir);
        Path m = d.getName().equals(METADATA) ? d : new Path(d, METADATA);
        try {
            return read(m, !CHECKPOINT.matcher(m.getParent().getName()).matches());
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "cannot resume from " + dir + ": " + m + " is not readable (" + e + ")", e);
        }
    }

    private static List<Path> metadataFiles(Path dir, boolean checkpoints) throws IOException {
        FileSystem fs = dir.getFileSystem();
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) {
            return out;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            boolean wanted =
                    checkpoints
                            ? CHECKPOINT.matcher(name).matches()
                            : name.startsWith("savepoint-");
            Path m = new Path(s.getPath(), METADATA);
            if (s.isDir() && wanted && fs.exists(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static RestorePoint read(Path metadata, boolean savepoint) throws IOException {
        FileSystem fs = metadata.getFileSystem();
        String dir = metadata.getParent().toString();
        long written = fs.getFileStatus(metadata).getModificationTime();
        try (InputStream in = fs.open(metadata)) {
            long id =
                    Checkpoints.loadCheckpointMetadata(
                                    new DataInputStream(in),
                                    RestorePoints.class.getClassLoader(),
                                    dir)
                            .getCheckpointId();
            return new RestorePoint(dir, id, written, savepoint);
        }
    }

    /**
     * Renames the job directory aside (to {@code <job-dir>.replaced-<ms>}) so a fresh start cannot
     * collide with, or later resume from, the old checkpoints; returns the new name, or empty when
     * there was nothing.
     */
    public static Optional<Path> setAside(JobIdentity id, long nowMs) throws IOException {
        FileSystem fs = id.jobDir().getFileSystem();
        if (!fs.exists(id.jobDir())) {
            return Optional.empty();
        }
        Path aside =
                new Path(id.jobDir().getParent(), id.jobDir().getName() + ".replaced-" + nowMs);
        if (!fs.rename(id.jobDir(), aside)) {
            throw new IOException("cannot rename " + id.jobDir() + " to " + aside);
        }
        return Optional.of(aside);
    }
}
