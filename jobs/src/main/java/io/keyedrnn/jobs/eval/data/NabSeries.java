package io.keyedrnn.jobs.eval.data;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One NAB data file: its rows in file order (timestamps may repeat or step back, as shipped) and
 * its labelled anomaly windows.
 *
 * @param name path relative to NAB's {@code data/}, e.g. {@code realKnownCause/nyc_taxi.csv}
 */
public record NabSeries(
        String name, LocalDateTime[] timestamps, double[] values, List<NabWindow> windows) {

    /** Number of data rows. */
    public int size() {
        return values.length;
    }
}
