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

    /**
     * A duration of at least 1 ms in milliseconds: a whole number (ms) or one with a unit, {@code
     * 250ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}.
     */
    public static Setting.Parser<Long> durationMs() {
        return v -> {
            String t = v.trim().toLowerCase(Locale.ROOT);
            int digits = 0;
            while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
                digits++;
            }
            long unit =
                    switch (t.substring(digits).trim()) {
                        case "", "ms" -> 1L;
                        case "s" -> 1_000L;
                        case "m", "min" -> 60_000L;
                        case "h" -> 3_600_000L;
                        case "d" -> 86_400_000L;
                        default ->
                                throw new IllegalArgumentException(
                                        "expected a duration such as 90s, 30m, 2h, 1d or milliseconds");
                    };
            if (digits == 0) {
                throw new IllegalArgumentException(
                        "expected a duration such as 90s, 30m, 2h, 1d or milliseconds");
            }
            long n = whole(1).apply(t.substring(0, digits));
            try {
                return Math.multiplyExact(n, unit);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("too long a duration");
            }
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
