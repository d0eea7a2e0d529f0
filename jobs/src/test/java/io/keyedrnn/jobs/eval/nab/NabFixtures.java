package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.jobs.eval.data.NabWindow;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic NAB files: 5-minute rows and windows given as row ranges. */
final class NabFixtures {
    private NabFixtures() {}

    /** A file of n rows whose windows cover rows [w[0], w[1]] inclusive. */
    static NabSeries series(String name, int n, int[]... windows) {
        LocalDateTime[] ts = new LocalDateTime[n];
        for (int i = 0; i < n; i++) {
            ts[i] = LocalDateTime.of(2014, 1, 1, 0, 0).plusMinutes(5L * i);
        }
        List<NabWindow> w = new ArrayList<>();
        for (int[] rows : windows) {
            w.add(new NabWindow(ts[rows[0]], ts[rows[1]]));
        }
        return new NabSeries(name, ts, new double[n], w);
    }

    /** Detections at the given rows of an n-row file. */
    static boolean[] at(int n, int... rows) {
        boolean[] d = new boolean[n];
        for (int r : rows) {
            d[r] = true;
        }
        return d;
    }
}
