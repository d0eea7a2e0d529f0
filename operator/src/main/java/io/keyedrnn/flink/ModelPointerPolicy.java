package io.keyedrnn.flink;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which model pointers a task may follow: URI schemes from an allow-list, and {@code file} URIs
 * only to regular files whose real path (symlinks resolved) lies under one of the allowed
 * directories. Serializable, so the job's settings reach the task that reads the pointers.
 */
public final class ModelPointerPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Setting {@code model.uri.schemes}. */
    public static final String SCHEMES_KEY = "model.uri.schemes";

    /** Setting {@code model.uri.allowed-dirs}. */
    public static final String DIRS_KEY = "model.uri.allowed-dirs";

    /** Schemes a pointer can have at all. */
    static final Set<String> KNOWN_SCHEMES = Set.of("file", "http", "https");

    /** https only, no local files: what a job that sets nothing allows. */
    public static final ModelPointerPolicy DEFAULT = new ModelPointerPolicy(List.of("https"), null);

    private final List<String> schemes;
    private final List<String> allowedDirs;

    private ModelPointerPolicy(List<String> schemes, List<String> allowedDirs) {
        this.schemes = List.copyOf(schemes);
        this.allowedDirs = allowedDirs == null ? List.of() : List.copyOf(allowedDirs);
        if (this.schemes.contains("file") && this.allowedDirs.isEmpty()) {
            throw new IllegalArgumentException(
                    SCHEMES_KEY + " allows file but " + DIRS_KEY + " names no directory");
        }
    }

    /**
     * The policy of the two settings' texts (comma-separated lists; {@code dirs} null or blank for
     * none).
     */
    public static ModelPointerPolicy of(String schemes, String dirs) {
        return new ModelPointerPolicy(split(checkSchemes(schemes)), split(checkDirs(dirs)));
    }

    /** Parser of {@value #SCHEMES_KEY}: known schemes, lower case, comma-separated. */
    public static String checkSchemes(String text) {
        List<String> out = new ArrayList<>();
        for (String s : split(text)) {
            String scheme = s.toLowerCase(Locale.ROOT);
            if (!KNOWN_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException(
                        "unknown scheme '" + s + "' (expected file, http or https)");
            }
            out.add(scheme);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("name at least one scheme, e.g. https");
        }
        return String.join(",", out);
    }

    /** Parser of {@value #DIRS_KEY}: absolute directory paths, comma-separated. */
    public static String checkDirs(String text) {
        List<String> out = new ArrayList<>();
        for (String d : split(text)) {
            if (!Path.of(d).isAbsolute()) {
                throw new IllegalArgumentException("'" + d + "' is not an absolute path");
            }
            out.add(Path.of(d).normalize().toString());
        }
        return String.join(",", out);
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Whether pointers with this (lower-case) scheme may be followed. */
    boolean allowsScheme(String scheme) {
        return schemes.contains(scheme);
    }

    /** The allowed schemes, as the setting writes them. */
    String schemesText() {
        return String.join(",", schemes);
    }

    /** The allowed directories as configured (absolute, normalised, not yet resolved). */
    List<Path> allowedDirs() {
        return allowedDirs.stream().map(Path::of).toList();
    }

    @Override
    public String toString() {
        return SCHEMES_KEY + "=" + schemesText() + ", " + DIRS_KEY + "=" + allowedDirs;
    }
}
