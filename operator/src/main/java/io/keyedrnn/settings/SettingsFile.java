package io.keyedrnn.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a flat settings file (score, train, replay): Java properties, which also reads flat YAML
 * "key: value" lines.
 */
public final class SettingsFile {
    private SettingsFile() {}

    /** The file's settings; empty values are left out, quotes around YAML strings removed. */
    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no settings file " + file);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot read settings file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            String v = unquote(p.getProperty(k).trim());
            if (!v.isEmpty()) {
                m.put(k, v);
            }
        }
        return m;
    }

    /** Flat YAML quotes strings; properties would keep the quotes. */
    private static String unquote(String v) {
        boolean quoted =
                v.length() >= 2
                        && (v.startsWith("\"") && v.endsWith("\"")
                                || v.startsWith("'") && v.endsWith("'"));
        return quoted ? v.substring(1, v.length() - 1) : v;
    }
}
