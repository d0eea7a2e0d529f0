package io.keyedrnn.model.io;

import java.util.Locale;

/**
 * One calendar input derived from an event's timestamp (epoch milliseconds, UTC) as a point on a
 * circle, two network inputs sin and cos, so the last moment of a period sits next to its first.
 */
public enum CalendarInput {
    /** The time of day: angle 2π·(ms since midnight UTC)/86,400,000. */
    TIME_OF_DAY,
    /** The day of the week, Monday 0 to Sunday 6 (UTC, as ISO-8601): angle 2π·day/7. */
    DAY_OF_WEEK;

    static final long DAY_MS = 86_400_000L;

    /** 1970-01-01, epoch day 0, was a Thursday: day 3 counting Monday as 0. */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    /** The id in settings and in the model file, e.g. {@code time_of_day}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The input named id; throws IllegalArgumentException naming the known ids. */
    public static CalendarInput fromId(String id) {
        for (CalendarInput c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown calendar input '" + id + "'; known: time_of_day, day_of_week");
    }

    /** The angle in radians of this input at epochMs. */
    double angle(long epochMs) {
        if (this == TIME_OF_DAY) {
            return 2 * Math.PI * Math.floorMod(epochMs, DAY_MS) / DAY_MS;
        }
        long day = Math.floorDiv(epochMs, DAY_MS);
        return 2 * Math.PI * Math.floorMod(day + EPOCH_DAY_OF_WEEK, 7) / 7;
    }
}
