package io.keyedrnn.score;

import java.util.Arrays;

/**
 * Numenta-style anomaly likelihood of a key's scores (Ahmad et al. 2017), a mutable holder.
 *
 * <p>Windows: the short window is the last {@code recent.length} raw scores (ring buffer); the long
 * window is an exponentially weighted mean and variance of all raw scores with span {@code
 * longWindow} (exact running mean/variance until that many scores, then weight 1/longWindow per new
 * score), so it needs no buffer. The likelihood of the current score is Φ((short mean − long mean)
 * / long std), computed against the long statistics before the score joins them; it is 0.5 until
 * the long window has two scores. Fields are public for a state serializer.
 */
public final class AnomalyLikelihood {
    /** Ring of the last raw scores; length 0 disables the likelihood. */
    public float[] recent;

    /** Next write position in {@link #recent}. */
    public int recentPos;

    /** Number of valid entries in {@link #recent}. */
    public int recentCount;

    /** Number of scores seen by the long window. */
    public long longCount;

    /** Exponentially weighted mean of the scores. */
    public double longMean;

    /** Exponentially weighted (population) variance of the scores. */
    public double longVar;

    /** A holder with a short window of the given length (0 = disabled). */
    public AnomalyLikelihood(int shortWindow) {
        recent = new float[shortWindow];
    }

    /** Whether the likelihood is computed at all. */
    public boolean enabled() {
        return recent.length > 0;
    }

    /** Adds a score and returns its likelihood in [0, 1]. Modified: this. */
    public double update(double score, int longWindow) {
        double likelihood = 1 - tail(score);
        learn(score, longWindow);
        return likelihood;
    }

    /**
     * Adds a score to the short window and returns the upper tail probability of the short window's
     * mean under the long window's Gaussian (1 − likelihood); 0.5 until the long window holds two
     * values. The long window is not changed: {@link #learn} decides what joins it. Modified: this.
     */
    public double tail(double score) {
        recent[recentPos] = (float) score;
        recentPos = (recentPos + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
        if (longCount < 2) {
            return 0.5;
        }
        double std = Math.max(Math.sqrt(longVar), 1e-6);
        return Gaussian.tail((shortMean() - longMean) / std);
    }

    /** Adds a value (a raw score, or {@link #shortMean()}) to the long window. Modified: this. */
    public void learn(double value, int longWindow) {
        addToLongWindow(value, longWindow);
    }

    /** Mean of the short window (0 when empty). */
    public double shortMean() {
        if (recentCount == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < recentCount; i++) {
            sum += recent[i];
        }
        return sum / recentCount;
    }

    private void addToLongWindow(double x, int longWindow) {
        longCount++;
        double alpha = 1.0 / Math.min(longCount, Math.max(1, longWindow));
        double diff = x - longMean;
        double incr = alpha * diff;
        longMean += incr;
        longVar = (1 - alpha) * (longVar + diff * incr);
    }

    /** Forgets every score, keeping the window length. Modified: this. */
    public void clear() {
        Arrays.fill(recent, 0f);
        recentPos = 0;
        recentCount = 0;
        longCount = 0;
        longMean = 0;
        longVar = 0;
    }

    /** A deep copy. */
    public AnomalyLikelihood copy() {
        AnomalyLikelihood c = new AnomalyLikelihood(0);
        c.recent = recent.clone();
        c.recentPos = recentPos;
        c.recentCount = recentCount;
        c.longCount = longCount;
        c.longMean = longMean;
        c.longVar = longVar;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnomalyLikelihood a
                && Arrays.equals(a.recent, recent)
                && a.recentPos == recentPos
                && a.recentCount == recentCount
                && a.longCount == longCount
                && Double.compare(a.longMean, longMean) == 0
                && Double.compare(a.longVar, longVar) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(recent) * 31 + Long.hashCode(longCount);
    }
}
