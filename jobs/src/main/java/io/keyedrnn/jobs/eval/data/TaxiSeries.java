package io.keyedrnn.jobs.eval.data;

import java.time.LocalDateTime;

/**
 * The cui2016 NYC taxi passenger counts, one row per 30 minutes.
 *
 * @param timeOfDay minutes since midnight
 * @param dayOfWeek 0 (Monday) to 6, as in the file
 */
public record TaxiSeries(
        LocalDateTime[] timestamps, double[] counts, int[] timeOfDay, int[] dayOfWeek) {

    /** Number of data rows. */
    public int size() {
        return counts.length;
    }
}
