package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.model.io.CalendarInputs;

/** A key's numeric rows as the network takes them: features, then the inputs from the time. */
final class CalendarRows {
    private CalendarRows() {}

    /** The key's rows themselves without calendar inputs, else widened copies. */
    static float[][] of(KeyHistory k, CalendarInputs calendar) {
        if (calendar.isEmpty()) {
            return k.rows();
        }
        float[][] out = new float[k.length()][];
        for (int t = 0; t < out.length; t++) {
            float[] r = k.rows()[t];
            out[t] = new float[r.length + calendar.width()];
            System.arraycopy(r, 0, out[t], 0, r.length);
            calendar.derive(k.ts()[t], out[t], r.length);
        }
        return out;
    }
}
