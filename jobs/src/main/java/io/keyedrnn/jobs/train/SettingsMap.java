package io.keyedrnn.jobs.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Flat string settings with typed getters whose errors name the setting and where it came from. */
final class SettingsMap {
    private final Map<String, String> values;
    private final String source;

    SettingsMap(Map<String, String> values, String source) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.source = source;
    }

    Map<String, String> values() {
        return values;
    }

    String source() {
        return source;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String text(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    String required(String key, String why) {
        String v = text(key, null);
        if (v == null) {
            throw new IllegalArgumentException("setting '" + key + "' is required " + why);
        }
        return v;
    }

    /** One of the allowed words (lower case). */
    String choice(String key, String fallback, String... allowed) {
        String v = text(key, fallback).toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw bad(key, v, "expected one of " + String.join(", ", allowed));
    }

    long whole(String key, long fallback, long min) {
        String v = text(key, null);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, v, "expected a whole number");
        }
        if (n < min) {
            throw bad(key, v, "must be at least " + min);
        }
        return n;
    }

    int integer(String key, int fallback, int min) {
        long n = whole(key, fallback, min);
        if (n > Integer.MAX_VALUE) {
            throw bad(key, String.valueOf(n), "too large");
        }
        return (int) n;
    }

    /** A finite number in [min, max]. */
    double decimal(String key, double fallback, double min, double max) {
        String v = text(key, null);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "expected a number");
        }
        if (!(d >= min && d <= max)) {
            throw bad(key, v, "must be in [" + min + ", " + max + "]");
        }
        return d;
    }

    /** A finite number above 0. */
    double positive(String key, double fallback) {
        double d = decimal(key, fallback, -Double.MAX_VALUE, Double.MAX_VALUE);
        if (!(d > 0)) {
            throw bad(key, text(key, ""), "must be above 0");
        }
        return d;
    }

    boolean flag(String key, boolean fallback) {
        String v = text(key, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, v, "expected true or false");
        };
    }

    /** Comma-separated values, blanks dropped; empty when unset. */
    List<String> list(String key) {
        List<String> out = new ArrayList<>();
        String v = text(key, null);
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Settings under a prefix, with the prefix removed. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        out.put(k.substring(prefix.length()), v);
                    }
                });
        return out;
    }

    IllegalArgumentException bad(String key, String value, String problem) {
        return new IllegalArgumentException(
                "setting '"
                        + key
                        + "' in "
                        + source
                        + " has bad value '"
                        + value
                        + "': "
                        + problem);
    }
}
