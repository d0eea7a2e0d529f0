package io.keyedrnn.jobs.train.history;

/**
 * The version rule: a new model's version is strictly greater than the current model's (the larger
 * of the {@code --init} file's and the newest on the models topic), so the scoring job, which
 * ignores versions it has already passed, takes it. Explicit: {@code --model-version N}, which must
 * be above the current one. Otherwise current + 1, or, with no current model at all, the run's
 * start in epoch milliseconds, which keeps growing from run to run.
 */
final class Versions {
    private Versions() {}

    /**
     * @param explicit the requested version, or null
     * @param current the current model's version, 0 when there is none
     * @param nowMillis the run's start in epoch ms
     */
    static long next(Long explicit, long current, long nowMillis) {
        if (explicit != null) {
            if (explicit <= current) {
                throw new IllegalArgumentException(
                        "--model-version "
                                + explicit
                                + " is not above the current model's version "
                                + current);
            }
            return explicit;
        }
        return current > 0 ? Math.addExact(current, 1) : Math.max(1, nowMillis);
    }
}
