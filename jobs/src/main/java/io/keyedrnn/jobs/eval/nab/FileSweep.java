package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.data.NabWindow;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One file's rows as NAB's sweeper sees them ({@code Sweeper.calcSweepScore} in numenta/NAB {@code
 * nab/sweeper.py}): for each row after the probationary period, the window it lies in (or none) and
 * its unweighted score σ_A: the reward a detection there would earn inside a window, the penalty it
 * would cost outside one.
 *
 * <p>As in NAB, a window is entered at the row whose timestamp equals its start and left after the
 * row whose timestamp equals its end; its right index and width come from the first rows holding
 * those timestamps, so files with repeated or backward timestamps are taken in file order.
 *
 * @param window per row: the index of its window in the file's window list, or −1 outside every
 *     window; rows before {@code probation} are not scored whatever this says
 * @param unweighted per row: σ_A of its position (inside a window) or of its distance after the
 *     preceding one (outside; −1 when none precedes)
 * @param scorable per window: whether at least one of its rows lies after the probationary period
 */
public record FileSweep(
        String name, int probation, int[] window, double[] unweighted, boolean[] scorable) {

    /** The sweep of a file with its windows. */
    public static FileSweep of(NabSeries series) {
        LocalDateTime[] ts = series.timestamps();
        List<NabWindow> windows = series.windows();
        int probation = Probation.rows(ts.length);
        int[] window = new int[ts.length];
        double[] unweighted = new double[ts.length];
        boolean[] scorable = new boolean[windows.size()];
        int next = 0; // the next window to enter
        int cur = -1; // the window we are in, or -1
        int curRight = -1;
        double curWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < ts.length; i++) {
            if (next < windows.size() && ts[i].equals(windows.get(next).start())) {
                cur = next++;
                curRight = firstRow(series, windows.get(cur).end());
                curWidth = curRight - firstRow(series, windows.get(cur).start()) + 1;
            }
            window[i] = cur;
            if (cur >= 0) {
                unweighted[i] = ScaledSigmoid.of(-(curRight - i + 1) / curWidth);
                scorable[cur] |= i >= probation;
                if (ts[i].equals(windows.get(cur).end())) {
                    prevRight = i;
                    prevWidth = curWidth;
                    cur = -1;
                }
            } else {
                unweighted[i] = prevRight < 0 ? -1.0 : afterWindow(i - prevRight, prevWidth);
            }
        }
        if (next < windows.size() || cur >= 0) {
            throw new IllegalArgumentException(
                    series.name()
                            + ": window "
                            + windows.get(next < windows.size() ? next : cur)
                            + " does not start and end at rows of the file, in order");
        }
        return new FileSweep(series.name(), probation, window, unweighted, scorable);
    }

    /** Number of rows. */
    public int size() {
        return window.length;
    }

    /** Number of labelled windows. */
    public int windows() {
        return scorable.length;
    }

    /** Windows with a row after the probationary period: the ones a detector can hit or miss. */
    public int scorableWindows() {
        int n = 0;
        for (boolean s : scorable) {
            n += s ? 1 : 0;
        }
        return n;
    }

    private static double afterWindow(int distance, double prevWidth) {
        // NAB divides by (width − 1) and fails on a one-row window; count its false positives in
        // full, as for one far after a window.
        if (prevWidth == 1) {
            return -1.0;
        }
        return ScaledSigmoid.of(Math.abs(distance) / (prevWidth - 1));
    }

    private static int firstRow(NabSeries series, LocalDateTime t) {
        int i = Arrays.asList(series.timestamps()).indexOf(t);
        if (i < 0) {
            throw new IllegalArgumentException(
                    series.name() + ": window limit " + t + " is no row's time");
        }
        return i;
    }
}
