package io.keyedrnn.jobs.eval;

import io.keyedrnn.model.io.Normalizer;

/** Fits the z-score normaliser on training rows, as the retraining job does. */
public final class Normalizers {
    /** Features with a smaller spread than this keep std 1 (a constant feature stays 0). */
    private static final double MIN_STD = 1e-6;

    private Normalizers() {}

    /** Mean and population std of each column over rows[from, to). Not modified: rows. */
    public static Normalizer fit(float[][] rows, int from, int to) {
        int width = rows[from].length;
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += rows[i][j];
            }
            double m = sum / (to - from);
            double ss = 0;
            for (int i = from; i < to; i++) {
                ss += (rows[i][j] - m) * (rows[i][j] - m);
            }
            double sd = Math.sqrt(ss / (to - from));
            mean[j] = (float) m;
            std[j] = (float) (sd < MIN_STD ? 1.0 : sd);
        }
        return new Normalizer(mean, std);
    }

    /** Normalised copies of rows[from, to). Not modified: rows. */
    public static float[][] apply(Normalizer n, float[][] rows, int from, int to) {
        float[][] out = new float[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = new float[n.size()];
            n.normalize(rows[i], out[i - from]);
        }
        return out;
    }
}
