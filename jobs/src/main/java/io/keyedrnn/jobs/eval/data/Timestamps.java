package io.keyedrnn.jobs.eval.data;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Parses the data sets' wall-clock timestamps ({@code 2014-07-01 00:30:00[.000000]}). */
public final class Timestamps {
    // NAB windows carry microseconds ("2014-10-30 15:30:00.000000"), the CSV rows do not.
    private static final DateTimeFormatter FORMAT =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private Timestamps() {}

    /** The timestamp, or null when the text is not one. */
    public static LocalDateTime parseOrNull(String text) {
        try {
            return LocalDateTime.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
