package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.model.io.Normalizer;
import java.util.List;

/**
 * Fits the z-score {@link Normalizer} on training rows: per feature mean and population standard
 * deviation, in double. A feature that is constant in the training data (std below 1e-6 of its
 * magnitude) gets std 1, so it passes through centred instead of dividing by zero.
 */
public final class NormalizerFit {
    private NormalizerFit() {}

    /** Fits on rows[0, end) of each entry; throws when there is no row at all. */
    public static Normalizer fit(List<float[][]> rows, List<Integer> ends, int width) {
        double[] sum = new double[width];
        long n = 0;
        for (int k = 0; k < rows.size(); k++) {
            float[][] r = rows.get(k);
            for (int t = 0; t < ends.get(k); t++) {
                for (int f = 0; f < width; f++) {
                    sum[f] += r[t][f];
                }
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no training rows to fit the normaliser on");
        }
        float[] mean = new float[width];
        double[] sq = new double[width];
        for (int f = 0; f < width; f++) {
            mean[f] = (float) (sum[f] / n);
        }
        for (int k = 0; k < rows.size(); k++) {
            float[][] r = rows.get(k);
            for (int t = 0; t < ends.get(k); t++) {
                for (int f = 0; f < width; f++) {
                    double d = r[t][f] - sum[f] / n;
                    sq[f] += d * d;
                }
            }
        }
        float[] std = new float[width];
        for (int f = 0; f < width; f++) {
            double s = Math.sqrt(sq[f] / n);
            boolean constant = !(s > 1e-6 * Math.max(1.0, Math.abs(sum[f] / n)));
            std[f] = constant ? 1f : (float) s;
        }
        return new Normalizer(mean, std);
    }

    /** A row normalised into a new array (no normaliser: a copy). */
    public static float[] apply(Normalizer n, float[] x) {
        float[] out = x.clone();
        if (n != null) {
            n.normalize(x, out);
        }
        return out;
    }
}
