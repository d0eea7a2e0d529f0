package io.keyedrnn.jobs.eval.nab;

/**
 * Settings of the nab suite, fixed before looking at any label of the scored part.
 *
 * @param maxFiles files scored, in name order (all unless quick)
 * @param validationShare last share of the probationary rows held out from training; their z scores
 *     set the file's threshold
 * @param minThreshold the scoring path's default z threshold, the floor of every file's threshold
 */
public record NabSettings(
        int maxFiles,
        int hidden,
        int epochs,
        int patience,
        double validationShare,
        double minThreshold,
        long seed) {

    public static NabSettings full(long seed) {
        return new NabSettings(Integer.MAX_VALUE, 16, 40, 5, 0.2, 4.0, seed);
    }

    /** A small slice for CI: three files, short training. */
    public static NabSettings quick(long seed) {
        return new NabSettings(3, 8, 3, 1, 0.2, 4.0, seed);
    }
}
