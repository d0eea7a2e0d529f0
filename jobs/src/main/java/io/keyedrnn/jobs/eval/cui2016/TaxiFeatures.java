package io.keyedrnn.jobs.eval.cui2016;

import io.keyedrnn.jobs.eval.data.TaxiSeries;
import java.util.List;

/**
 * The event features of one half-hour: the passenger count and the time of day and day of week as
 * points on circles (so 23:30 sits next to 00:00), the paper's inputs in a form a network can use.
 */
final class TaxiFeatures {
    static final List<String> NAMES =
            List.of("passenger_count", "tod_sin", "tod_cos", "dow_sin", "dow_cos");
    static final int WIDTH = 5;

    private TaxiFeatures() {}

    /** Features of record i into out. Modified: out. */
    static void of(TaxiSeries s, int i, float[] out) {
        out[0] = (float) s.counts()[i];
        calendar(s, i, out);
    }

    /** Only the calendar features of record i (known in advance) into out[1..4]. Modified: out. */
    static void calendar(TaxiSeries s, int i, float[] out) {
        double tod = 2 * Math.PI * s.timeOfDay()[i] / (24 * 60);
        double dow = 2 * Math.PI * s.dayOfWeek()[i] / 7;
        out[1] = (float) Math.sin(tod);
        out[2] = (float) Math.cos(tod);
        out[3] = (float) Math.sin(dow);
        out[4] = (float) Math.cos(dow);
    }
}
