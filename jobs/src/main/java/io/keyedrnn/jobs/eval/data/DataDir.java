package io.keyedrnn.jobs.eval.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the evaluation data: {@code --data DIR}, else the repository's own {@code data/}. */
public final class DataDir {
    private DataDir() {}

    /** The data directory; fails with a message saying where it looked and how to set it. */
    public static Path resolve(String option) {
        Path dir = option != null ? Path.of(option) : defaultDir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "evaluation data directory not found: "
                            + dir.toAbsolutePath().normalize()
                            + " (pass --data DIR pointing at a directory laid out like the repository's data/, with"
                            + " nab/, hdfs/ and cui2016/)");
        }
        return dir;
    }

    /** {@code <repo>/data}, the repository found from this class's location. */
    public static Path defaultDir() {
        return repoRoot().resolve("data").normalize();
    }

    /**
     * The repository: {@code -Dkeyed.rnn.home} (set by bin/keyed-rnn), else the nearest ancestor of
     * the jar or classes directory with a pom.xml and jobs/.
     */
    static Path repoRoot() {
        String home = System.getProperty("keyed.rnn.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        Path start = codeLocation();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("jobs"))) {
                return p;
            }
        }
        // Not run from a checkout (e.g. a copied jar): fall back to the working directory.
        return Path.of("").toAbsolutePath();
    }

    private static Path codeLocation() {
        try {
            return Path.of(
                            DataDir.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
