package io.keyedrnn.settings;

import java.util.Locale;

/** The text-to-value rules of settings; one home, so every command reads values alike. */
public final class Parsers {
    private Parsers() {}

    public static Setting.Parser<Integer> integer(int min) {
        return v -> {
            long n = whole(min).apply(v);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE);
            }
            return (int) n;
        };
    }

    public static Setting.Parser<Long> whole(long min) {
        return v -> {
            long n;
            try {
                n = Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
            if (n < min) {
                throw new IllegalArgumentException("must be at least " + min);
            }
            return n;
        };
    }

    public static Setting.Parser<Double> decimal(double min, double max) {
        return v -> {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number");
            }
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException("must be in [" + min + ", " + max + "]");
            }
            return d;
        };
    }

    /** A finite number above 0. */
    public static Setting.Parser<Double> positive() {
        return v -> {
            double d = decimal(-Double.MAX_VALUE, Double.MAX_VALUE).apply(v);
            if (!(d > 0)) {
                throw new IllegalArgumentException("must be above 0");
            }
            return d;
        };
    }

    public static boolean flag(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    public static Setting.Parser<String> choice(String... allowed) {
        return v -> {
            String word = v.toLowerCase(Locale.ROOT).replace('_', '-');
            for (String a : allowed) {
                if (a.equals(word)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
        };
    }
}
