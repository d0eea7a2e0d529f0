package io.keyedrnn.serve;

import io.keyedrnn.score.AnomalyLikelihood;
import io.keyedrnn.score.RunningStats;
import java.util.Arrays;

/**
 * Keeps non-finite numbers out of a key's state: {@link #save} copies what a step changes (state,
 * prediction, error statistics, likelihood windows) into buffers of this guard; {@link #holds}
 * checks the new state, prediction, output and score; {@link #restore} puts the copy back when they
 * are not all finite. Finite inputs can still overflow float inside a cell (±3e38 features times
 * the weights), and one NaN would blind the key for good. Allocates nothing once sized.
 */
final class StepGuard {
    private float[] state = new float[0];
    private float[] prediction = new float[0];
    private final RunningStats errorStats = new RunningStats();
    private final AnomalyLikelihood likelihood = new AnomalyLikelihood(0);
    private float[] rangeMin = new float[0];
    private float[] rangeMax = new float[0];
    private int quietLeft;
    private String failure;

    /**
     * Copies the parts of s a step changes. A state that is already not finite (from a checkpoint
     * written before this guard) is zeroed first, as after a reset. Modified: s only in that case.
     */
    void save(KeyState s) {
        // The state is copied and checked in one pass: it is the key's largest part, and usually
        // not in cache when its event arrives.
        state = sized(s.state, state);
        if (!copyFinite(s.state, state)
                || !finite(s.prediction)
                || !finite(s.errorStats)
                || !finite(s.likelihood)) {
            reset(s);
            state = copy(s.state, state);
        }
        prediction = copy(s.prediction, prediction);
        errorStats.copyFrom(s.errorStats);
        copy(s.likelihood, likelihood);
        rangeMin = copy(s.rangeMin, rangeMin);
        rangeMax = copy(s.rangeMax, rangeMax);
        quietLeft = s.quietLeft;
    }

    /** Whether the step left only finite numbers; else {@link #failure} says where. */
    boolean holds(KeyState s, Prediction out) {
        failure = null;
        if (!finite(s.state)) {
            failure = "the new recurrent state";
        } else if (!finite(s.prediction) || !finite(out.values, out.length)) {
            failure = "the prediction";
        } else if (out.scored && !(Double.isFinite(out.score) && notInfinite(out.error, out.z))) {
            failure = "the score";
        } else if (!finite(s.errorStats) || !finite(s.likelihood)) {
            failure = "the key's score statistics";
        }
        return failure == null;
    }

    /** Puts back what {@link #save} copied. Modified: s. */
    void restore(KeyState s) {
        System.arraycopy(state, 0, s.state, 0, s.state.length);
        System.arraycopy(prediction, 0, s.prediction, 0, s.prediction.length);
        s.errorStats.copyFrom(errorStats);
        copy(likelihood, s.likelihood);
        // The alert rules' range and quiet period move with the step too (the range may have been
        // started by it: then its arrays change length).
        s.rangeMin = copy(rangeMin, s.rangeMin);
        s.rangeMax = copy(rangeMax, s.rangeMax);
        s.quietLeft = quietLeft;
    }

    /** What was not finite after the last {@link #holds} that failed. */
    String failure() {
        return failure;
    }

    private static void reset(KeyState s) {
        Arrays.fill(s.state, 0f);
        Arrays.fill(s.prediction, 0f);
        s.stepsSinceReset = 0;
        s.errorStats.clear();
        s.likelihood.clear();
    }

    private static float[] copy(float[] from, float[] to) {
        float[] t = sized(from, to);
        System.arraycopy(from, 0, t, 0, from.length);
        return t;
    }

    private static float[] sized(float[] from, float[] to) {
        return to.length == from.length ? to : new float[from.length];
    }

    /** Copies from into to (of the same length); whether every value was finite. */
    private static boolean copyFinite(float[] from, float[] to) {
        int exponents = 0;
        for (int i = 0; i < from.length; i++) {
            float v = from[i];
            to[i] = v;
            exponents |= nonFiniteBit(v);
        }
        return exponents >= 0;
    }

    /**
     * The sign bit set exactly when v is NaN or infinite (its exponent all ones): adding one to the
     * exponent field carries into the sign bit only then. No branch, so a loop over it runs
     * straight through.
     */
    private static int nonFiniteBit(float v) {
        return (Float.floatToRawIntBits(v) & 0x7fffffff) + 0x00800000;
    }

    private static void copy(AnomalyLikelihood from, AnomalyLikelihood to) {
        to.recent = copy(from.recent, to.recent);
        to.recentPos = from.recentPos;
        to.recentCount = from.recentCount;
        to.longCount = from.longCount;
        to.longMean = from.longMean;
        to.longVar = from.longVar;
    }

    static boolean finite(float[] a) {
        return finite(a, a.length);
    }

    private static boolean finite(float[] a, int n) {
        int exponents = 0;
        for (int i = 0; i < n; i++) {
            exponents |= nonFiniteBit(a[i]);
        }
        return exponents >= 0;
    }

    private static boolean finite(RunningStats r) {
        return Double.isFinite(r.mean) && Double.isFinite(r.m2);
    }

    private static boolean finite(AnomalyLikelihood l) {
        return finite(l.recent) && Double.isFinite(l.longMean) && Double.isFinite(l.longVar);
    }

    /** Error and z are NaN when the scorer has none; infinite never. */
    private static boolean notInfinite(double error, double z) {
        return !Double.isInfinite(error) && !Double.isInfinite(z);
    }
}
