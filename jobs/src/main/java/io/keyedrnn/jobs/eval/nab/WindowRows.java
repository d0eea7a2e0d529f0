package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.data.NabWindow;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A file's windows as inclusive row ranges. As NAB's sweeper does, a window spans from the first
 * row whose timestamp equals its start to the first row whose timestamp equals its end, so files
 * with repeated or backward timestamps are taken in file order.
 */
record WindowRows(int[] left, int[] right) {

    static WindowRows of(NabSeries series) {
        List<NabWindow> windows = series.windows();
        int[] left = new int[windows.size()];
        int[] right = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            NabWindow win = windows.get(w);
            left[w] = firstRow(series, win.start(), win);
            right[w] = firstRow(series, win.end(), win);
            if (right[w] < left[w] || (w > 0 && left[w] <= right[w - 1])) {
                throw new IllegalArgumentException(
                        series.name() + ": window " + win + " is empty, out of order or overlaps");
            }
        }
        return new WindowRows(left, right);
    }

    int count() {
        return left.length;
    }

    /** Number of rows in window w. */
    int width(int w) {
        return right[w] - left[w] + 1;
    }

    private static int firstRow(NabSeries series, LocalDateTime t, NabWindow win) {
        LocalDateTime[] ts = series.timestamps();
        for (int i = 0; i < ts.length; i++) {
            if (ts[i].equals(t)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                series.name() + ": window " + win + " has a limit " + t + " that is no row's time");
    }
}
