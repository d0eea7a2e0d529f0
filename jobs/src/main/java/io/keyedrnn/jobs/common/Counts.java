package io.keyedrnn.jobs.common;

import java.util.Map;
import java.util.StringJoiner;

/** Counts by name as console text: {@code invalid_json 3, missing_key 1}. */
public final class Counts {
    private Counts() {}

    /** The counts in the map's order, {@code name n} joined by commas; empty for none. */
    public static String list(Map<?, ? extends Number> counts) {
        StringJoiner j = new StringJoiner(", ");
        counts.forEach((name, n) -> j.add(name + " " + n));
        return j.toString();
    }

    /** {@code 1 key}, {@code 2 keys}: a count and its noun. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code " (a 3, b 1)"}, or nothing for no counts: to follow a total. */
    public static String inParentheses(Map<?, ? extends Number> counts) {
        return counts.isEmpty() ? "" : " (" + list(counts) + ")";
    }
}
