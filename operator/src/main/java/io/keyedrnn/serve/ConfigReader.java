package io.keyedrnn.serve;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads typed values from string settings, with errors that name the setting. */
final class ConfigReader {
    private final Map<String, String> m;

    ConfigReader(Map<String, String> m) {
        this.m = m;
    }

    private String raw(String key) {
        String v = m.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    <T> T parse(String key, T fallback, Function<String, T> parser) {
        String v = raw(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "setting '" + key + "' has bad value '" + v + "': " + e.getMessage(), e);
        }
    }

    int integer(String key, int fallback) {
        return parse(key, fallback, Integer::parseInt);
    }

    Integer optionalInteger(String key, Integer fallback) {
        return parse(key, fallback, Integer::valueOf);
    }

    long longValue(String key, long fallback) {
        return parse(key, fallback, Long::parseLong);
    }

    double doubleValue(String key, double fallback) {
        return parse(key, fallback, Double::parseDouble);
    }

    Double optionalDouble(String key, Double fallback) {
        return parse(key, fallback, Double::valueOf);
    }

    boolean bool(String key, boolean fallback) {
        return parse(key, fallback, ConfigReader::parseBoolean);
    }

    private static boolean parseBoolean(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return true;
            case "false":
            case "no":
            case "0":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false");
        }
    }
}
