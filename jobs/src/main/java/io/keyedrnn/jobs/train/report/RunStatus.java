package io.keyedrnn.jobs.train.report;

/** How a training run ended; the last three wrote no model, only the report. */
public enum RunStatus {
    PUBLISHED,
    WRITTEN,
    NOT_BETTER,
    DIVERGED,
    FAILED;

    /** Whether a run that ended so wrote a model file (and maybe published it). */
    public boolean wroteModel() {
        return this == PUBLISHED || this == WRITTEN;
    }

    /** Whether the run ended with a model refused on its merits (not better, or diverged). */
    public boolean refused() {
        return this == NOT_BETTER || this == DIVERGED;
    }
}
