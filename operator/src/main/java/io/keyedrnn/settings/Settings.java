package io.keyedrnn.settings;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings as given (text by key) with typed access through their {@link Setting} declarations;
 * made by {@link SettingsLoader}, which has already checked every key and value.
 */
public final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> values;
    private final String source;

    Settings(Map<String, String> values, String source) {
        this.values = new TreeMap<>(values);
        this.source = source;
    }

    /** Settings from a map, unchecked (for tests and programmatic callers). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, "the settings");
    }

    /** The setting's value: as given, else its default (null when it has none). */
    public <T> T get(Setting<T> s) {
        String v = values.get(s.key());
        if (v == null) {
            return s.defaultValue();
        }
        try {
            return s.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in " + source + ")", e);
        }
    }

    /** The setting's value, which must be given or have a default. */
    public <T> T required(Setting<T> s, String how) {
        T v = get(s);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + s.key() + "' is required " + how);
        }
        return v;
    }

    /** Whether the setting was given (not just defaulted). */
    public boolean has(Setting<?> s) {
        return values.containsKey(s.key());
    }

    /** The settings given, by key. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Given settings under a prefix, with the prefix removed (e.g. {@code kafka.}). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k.substring(prefix.length()), v);
                    }
                });
        return out;
    }

    /** Where the settings came from, for messages. */
    public String source() {
        return source;
    }
}
