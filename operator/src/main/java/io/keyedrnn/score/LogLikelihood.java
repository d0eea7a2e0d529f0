package io.keyedrnn.score;

/**
 * NAB's log scale of an anomaly likelihood: log(1.0000000001 − L) / log(1e−10), in [0, 1].
 *
 * <p>Likelihoods that matter are all close to 1 (0.999 against 0.99999); on this scale they are 0.3
 * against 0.5, so one threshold separates them (numenta/NAB {@code numenta_detector.py}). It is
 * computed from the tail probability 1 − L directly, which keeps the digits a double loses in L.
 */
public final class LogLikelihood {
    /** The floor added to the tail probability: scores reach 1 at tails below it. */
    private static final double EPSILON = 1e-10;

    private LogLikelihood() {}

    /** The log-scaled likelihood of an upper tail probability in [0, 1]. */
    public static double ofTail(double tail) {
        double v = Math.log(Math.max(tail, 0) + EPSILON) / Math.log(EPSILON);
        return Math.min(1.0, Math.max(0.0, v));
    }
}
