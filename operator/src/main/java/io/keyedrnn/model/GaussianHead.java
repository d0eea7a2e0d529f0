package io.keyedrnn.model;

/**
 * The Gaussian head's equations: of its 2F linear outputs the first F are the means μ, the last F
 * the log-variances s, with σ² = max(exp(s), {@link #EPS}) as PyTorch's GaussianNLLLoss clamps it.
 *
 * <p>Log-variance rather than softplus: exp keeps σ² positive with no floor of its own, and the
 * per-element loss ½(s + (x − μ)² e^(−s)) is convex in s with a bounded gradient ½ from the log
 * term, so the variance neither collapses nor explodes from the penalty alone.
 */
public final class GaussianHead {
    /** PyTorch's GaussianNLLLoss default eps: the smallest variance the loss divides by. */
    public static final float EPS = 1e-6f;

    private GaussianHead() {}

    /** σ² = max(exp(s), EPS) in float32, as the loss sees it. */
    public static float variance(float logVariance) {
        return Math.max((float) Math.exp(logVariance), EPS);
    }

    /**
     * Replaces the log-variances in y[features, 2·features) by the standard deviations σ; the means
     * in y[0, features) stay. Modified: y.
     */
    public static void toStd(float[] y, int features) {
        for (int i = features; i < 2 * features; i++) {
            y[i] = (float) Math.sqrt(variance(y[i]));
        }
    }
}
