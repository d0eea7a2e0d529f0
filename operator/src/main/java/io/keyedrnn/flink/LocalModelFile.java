package io.keyedrnn.flink;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the file a {@code file:} model pointer names, only if its real path (symlinks resolved)
 * lies under an allowed directory and it is a regular file whose size does not change while read.
 * Nothing about a file outside the directories is looked at, so errors cannot tell whether it
 * exists; nothing read from a file is ever part of an error.
 */
final class LocalModelFile {
    private final ModelPointerPolicy policy;
    private final String shown;

    private LocalModelFile(ModelPointerPolicy policy, String shown) {
        this.policy = policy;
        this.shown = shown;
    }

    /** The bytes of the file {@code uri} names, at most {@code maxBytes} of them. */
    static byte[] read(URI uri, ModelPointerPolicy policy, long maxBytes, String shown)
            throws ModelRejected {
        return new LocalModelFile(policy, shown).read(uri, maxBytes);
    }

    private byte[] read(URI uri, long maxBytes) throws ModelRejected {
        Path path = path(uri);
        List<Path> dirs = policy.allowedDirs();
        if (!under(path, dirs) && !under(path, realDirs(dirs))) {
            throw outside();
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw unavailable("no such file");
        } catch (IOException e) {
            throw unavailable("cannot be opened");
        }
        if (!under(real, realDirs(dirs))) {
            throw outside();
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelRejected(JobReason.MODEL_INVALID, shown + " is not a regular file");
        }
        return contents(real, maxBytes);
    }

    /** The absolute, normalised path of a {@code file:///...} URI without host or query. */
    private Path path(URI uri) throws ModelRejected {
        if (uri.isOpaque()
                || uri.getRawAuthority() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new ModelRejected(
                    JobReason.MODEL_INVALID,
                    shown + " must be file:///absolute/path, without host, query or fragment");
        }
        try {
            return Path.of(uri).normalize();
        } catch (IllegalArgumentException e) {
            throw new ModelRejected(JobReason.MODEL_INVALID, shown + " is not a file path");
        }
    }

    private byte[] contents(Path real, long maxBytes) throws ModelRejected {
        try (FileChannel c =
                FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = c.size();
            long limit = Math.min(maxBytes, Integer.MAX_VALUE - 9);
            if (size > limit) {
                throw new ModelRejected(
                        JobReason.MODEL_UNAVAILABLE,
                        shown + " is larger than the limit of " + limit + " bytes");
            }
            // One byte more than the size shows a file that grows or lies about its size (/proc).
            ByteBuffer buf = ByteBuffer.allocate((int) size + 1);
            while (buf.hasRemaining() && c.read(buf) >= 0) {
                // keep reading until the end of the file or one byte past its size
            }
            if (buf.position() != size || size == 0) {
                throw new ModelRejected(
                        JobReason.MODEL_INVALID,
                        shown + " is empty or changed size while being read; not a model file");
            }
            byte[] out = new byte[(int) size];
            buf.flip().get(out);
            return out;
        } catch (IOException e) {
            throw unavailable("cannot be read");
        }
    }

    private static boolean under(Path p, List<Path> dirs) {
        for (Path d : dirs) {
            if (p.startsWith(d) && !p.equals(d)) {
                return true;
            }
        }
        return false;
    }

    /** The allowed directories that exist, symlinks resolved. */
    private static List<Path> realDirs(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            try {
                out.add(d.toRealPath());
            } catch (IOException e) {
                // A directory missing on this task manager allows nothing.
            }
        }
        return out;
    }

    private ModelRejected outside() {
        return new ModelRejected(
                JobReason.MODEL_INVALID,
                shown
                        + " is not under "
                        + ModelPointerPolicy.DIRS_KEY
                        + " "
                        + policy.allowedDirs());
    }

    private ModelRejected unavailable(String what) {
        return new ModelRejected(JobReason.MODEL_UNAVAILABLE, shown + ": " + what);
    }
}
