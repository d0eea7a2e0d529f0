package io.keyedrnn.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The one reader of settings for every command: a settings file, then overrides (command-line
 * options, {@code --set key=value}) on top, blank values dropped, deprecated keys renamed, every
 * key checked against the declarations and every value parsed once, so errors name the key.
 */
public final class SettingsLoader {
    private final List<Setting<?>> known = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> ignoredPrefixes = new ArrayList<>();
    private final List<Setting<?>> ignored = new ArrayList<>();
    private Consumer<String> warnings = w -> {};
    private String hint = "";

    /** Settings this reader accepts. */
    public SettingsLoader accept(Collection<? extends Setting<?>> settings) {
        known.addAll(settings);
        return this;
    }

    /** Pass-through keys starting with the prefix (e.g. {@code kafka.}); kept as given. */
    public SettingsLoader acceptPrefix(String prefix) {
        prefixes.add(prefix);
        return this;
    }

    /** Settings of other commands that may share the file and are dropped without a word. */
    public SettingsLoader ignore(Collection<? extends Setting<?>> settings, String... prefixes) {
        ignored.addAll(settings);
        ignoredPrefixes.addAll(List.of(prefixes));
        return this;
    }

    /** Where deprecation warnings go (default: nowhere). */
    public SettingsLoader warnings(Consumer<String> sink) {
        warnings = sink;
        return this;
    }

    /** Appended to the unknown-key error, e.g. where the known keys are documented. */
    public SettingsLoader hint(String text) {
        hint = text;
        return this;
    }

    /** The file's settings (null: no file) with the overrides (null: none) on top. */
    public Settings load(Path file, Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        if (file != null) {
            m.putAll(SettingsFile.read(file));
        }
        if (overrides != null) {
            overrides.forEach((k, v) -> m.put(k, v));
        }
        m.values().removeIf(v -> v == null || v.isBlank());
        m.replaceAll((k, v) -> v.trim());
        String source = file != null ? file + " and the command line" : "the command line";
        return check(m, source);
    }

    /** Checks a map of settings as {@link #load} does. */
    public Settings check(Map<String, String> given, String source) {
        Map<String, String> m = renameDeprecated(new HashMap<>(given));
        TreeSet<String> unknown = new TreeSet<>();
        for (String k : new ArrayList<>(m.keySet())) {
            if (isIgnored(k)) {
                m.remove(k);
            } else if (find(k) == null && prefixes.stream().noneMatch(k::startsWith)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown setting(s) " + unknown + " in " + source + hint);
        }
        for (Setting<?> s : known) {
            String v = m.get(s.key());
            if (v != null) {
                try {
                    s.parse(v);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (in " + source + ")", e);
                }
            }
        }
        return new Settings(m, source);
    }

    private Map<String, String> renameDeprecated(Map<String, String> m) {
        for (Setting<?> s : known) {
            for (String old : s.deprecatedKeys()) {
                String v = m.remove(old);
                if (v != null) {
                    warnings.accept("setting '" + old + "' is deprecated; use '" + s.key() + "'");
                    m.putIfAbsent(s.key(), v);
                }
            }
        }
        return m;
    }

    private boolean isIgnored(String key) {
        return ignored.stream().anyMatch(s -> s.key().equals(key))
                || ignoredPrefixes.stream().anyMatch(key::startsWith);
    }

    private Setting<?> find(String key) {
        for (Setting<?> s : known) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        return null;
    }
}
