package io.keyedrnn.jobs.eval.nab;

/** NAB's probationary period: the first rows of a file, where detections are not scored. */
public final class Probation {
    /** NAB's default probationaryPercent (numenta/NAB {@code nab/runner.py}, 0.15). */
    public static final double PERCENT = 0.15;

    private Probation() {}

    /**
     * Number of probationary rows: min(floor(0.15·n), 0.15·5000), as in numenta/NAB {@code
     * nab/sweeper.py} {@code _getProbationaryLength} (so at most 750 rows).
     */
    public static int rows(int n) {
        return (int) Math.min(Math.floor(PERCENT * n), PERCENT * 5000);
    }
}
