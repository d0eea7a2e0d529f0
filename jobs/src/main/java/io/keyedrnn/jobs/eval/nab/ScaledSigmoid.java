package io.keyedrnn.jobs.eval.nab;

/**
 * NAB's scaled sigmoid σ_A(y) = 2/(1+e^{5y}) − 1 of a relative position y: −1 at a window's first
 * row, 0 at its right edge, positive after it (Lavin &amp; Ahmad 2015; definition read in
 * numenta/NAB {@code nab/sweeper.py}, {@code scaledSigmoid}).
 */
public final class ScaledSigmoid {
    /** Positions beyond this after a window count as a full false positive (NAB: y > 3 → −1). */
    static final double FAR_AFTER = 3.0;

    private ScaledSigmoid() {}

    /** σ_A(y), −1 for y &gt; 3 as NAB does (at y = 3 itself NAB still evaluates the sigmoid). */
    public static double of(double y) {
        if (y > FAR_AFTER) {
            return -1.0;
        }
        return 2.0 * sigmoid(-5.0 * y) - 1.0;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
