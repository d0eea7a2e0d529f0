package io.keyedrnn.jobs.common;

import io.keyedrnn.train.TrainingListener;
import java.io.PrintWriter;

/**
 * Where long work shows its progress: a console stream (null: nowhere) and whether it is an
 * interactive terminal, on which bars are redrawn in place.
 */
public record ProgressOut(PrintWriter out, boolean terminal) {
    /** Progress shown nowhere. */
    public static final ProgressOut NONE = new ProgressOut(null, false);

    /** Progress through {@code total} items called {@code what} (e.g. "files"). */
    public Progress of(String what, long total) {
        return out == null ? Progress.NONE : Progress.of(out, terminal, what, total);
    }

    /** A training listener that shows each epoch (and, on a terminal, a bar within it). */
    public TrainingListener epochs(int epochs) {
        return out == null ? new TrainingListener() {} : new ProgressPrinter(out, terminal, epochs);
    }
}
