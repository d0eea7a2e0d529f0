package io.keyedrnn.settings;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting, declared once: its key, how its text becomes a value (type and allowed range or
 * words), its default and a one-line doc. In the manner of Flink's {@code ConfigOption}.
 *
 * @param <T> the value's type
 */
public final class Setting<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Turns a setting's trimmed text into its value; throws with the problem otherwise. */
    @FunctionalInterface
    public interface Parser<T> extends Function<String, T>, Serializable {}

    private final String key;
    private final T defaultValue;
    private final Parser<T> parser;
    private final String doc;
    private final List<String> deprecatedKeys;

    private Setting(
            String key, T defaultValue, Parser<T> parser, String doc, List<String> deprecated) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.doc = Objects.requireNonNull(doc);
        this.deprecatedKeys = List.copyOf(deprecated);
    }

    /** A setting of any type; a null default means "unset unless given". */
    public static <T> Setting<T> of(String key, T defaultValue, Parser<T> parser, String doc) {
        return new Setting<>(key, defaultValue, parser, doc, List.of());
    }

    /** A whole number of at least {@code min}. */
    public static Setting<Integer> integer(String key, Integer defaultValue, int min, String doc) {
        return of(key, defaultValue, Parsers.integer(min), doc);
    }

    /** A whole number of at least {@code min}, as a long. */
    public static Setting<Long> whole(String key, Long defaultValue, long min, String doc) {
        return of(key, defaultValue, Parsers.whole(min), doc);
    }

    /** A finite number in [min, max]. */
    public static Setting<Double> decimal(
            String key, Double defaultValue, double min, double max, String doc) {
        return of(key, defaultValue, Parsers.decimal(min, max), doc);
    }

    /** true or false (also yes/no, 1/0). */
    public static Setting<Boolean> flag(String key, boolean defaultValue, String doc) {
        return of(key, defaultValue, Parsers::flag, doc);
    }

    /** Free text. */
    public static Setting<String> text(String key, String defaultValue, String doc) {
        return of(key, defaultValue, v -> v, doc);
    }

    /** One of the given words (case-insensitive, {@code _} read as {@code -}), lower case. */
    public static Setting<String> choice(
            String key, String defaultValue, String doc, String... allowed) {
        return of(key, defaultValue, Parsers.choice(allowed), doc);
    }

    /** The same setting, also read under older keys that say they are deprecated. */
    public Setting<T> withDeprecatedKeys(String... keys) {
        return new Setting<>(key, defaultValue, parser, doc, List.of(keys));
    }

    public String key() {
        return key;
    }

    /** The default, or null when the setting is unset unless given. */
    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public List<String> deprecatedKeys() {
        return deprecatedKeys;
    }

    /** The default as a settings file writes it, or null. */
    public String defaultText() {
        return defaultValue == null ? null : text(defaultValue);
    }

    /** A value as a settings file writes it (enums in lower case). */
    public String text(T value) {
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    /** The value of the text; throws naming this setting, the text and the problem. */
    public T parse(String text) {
        String v = text.trim();
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "setting '" + key + "' has bad value '" + v + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
