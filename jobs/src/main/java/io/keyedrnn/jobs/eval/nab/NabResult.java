package io.keyedrnn.jobs.eval.nab;

/**
 * A corpus score under one profile at one threshold: the raw sum over files, the null and perfect
 * detectors' raw sums, and the normalised score 100·(S − S_null)/(S_perfect − S_null).
 *
 * @param windows labelled windows in the corpus
 * @param detected windows with a detection
 * @param falsePositives rows at or above the threshold outside every window (NAB's FP count)
 */
public record NabResult(
        NabProfile profile,
        double threshold,
        double raw,
        double nullRaw,
        double perfectRaw,
        int windows,
        int detected,
        int falsePositives) {

    /** The normalised NAB score: 100 for the perfect detector, 0 for the null detector. */
    public double normalized() {
        return 100.0 * (raw - nullRaw) / (perfectRaw - nullRaw);
    }
}
