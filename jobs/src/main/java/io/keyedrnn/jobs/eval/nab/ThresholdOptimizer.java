package io.keyedrnn.jobs.eval.nab;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NAB's threshold optimiser (numenta/NAB {@code nab/optimizer.py} with {@code
 * Sweeper.calcScoreByThreshold}): one threshold for the whole corpus under a profile, the one whose
 * summed raw score is largest. The candidates are 1.1 (nothing detected) and every distinct anomaly
 * score after the probationary periods, swept from the highest down; on a tie the higher threshold
 * wins, as NAB keeps the first of its stable sort.
 */
public final class ThresholdOptimizer {
    /** NAB's first candidate, above every score: no detection at all. */
    static final double ABOVE_ALL = 1.1;

    private ThresholdOptimizer() {}

    /** A threshold and the corpus raw score it reaches. */
    public record Optimum(double threshold, double raw) {}

    /**
     * The best threshold for per-row scores, scores.get(f) holding one per row of sweeps.get(f).
     */
    public static Optimum optimize(
            List<FileSweep> sweeps, List<double[]> scores, NabProfile profile) {
        Points p = Points.of(sweeps, scores);
        double maxTp = ScaledSigmoid.of(-1.0);
        double[] best = new double[p.windows];
        Arrays.fill(best, -profile.fnWeight());
        double windowSum = -profile.fnWeight() * p.scorableWindows;
        double fp = 0;
        double threshold = ABOVE_ALL;
        Optimum top = new Optimum(ABOVE_ALL, windowSum);
        for (int k : p.descending()) {
            if (p.score[k] != threshold) {
                top = better(top, threshold, fp + windowSum);
                threshold = p.score[k];
            }
            int w = p.window[k];
            if (w < 0) {
                fp += p.unweighted[k] * profile.fpWeight();
            } else {
                double reward = p.unweighted[k] * profile.tpWeight() / maxTp;
                if (reward > best[w]) {
                    windowSum += reward - best[w];
                    best[w] = reward;
                }
            }
        }
        return better(top, threshold, fp + windowSum);
    }

    private static Optimum better(Optimum top, double threshold, double raw) {
        return raw > top.raw() ? new Optimum(threshold, raw) : top;
    }

    /** The scorable rows of a corpus, windows numbered across files. */
    private static final class Points {
        double[] score;
        double[] unweighted;
        int[] window;
        int windows;
        int scorableWindows;

        static Points of(List<FileSweep> sweeps, List<double[]> scores) {
            if (sweeps.size() != scores.size()) {
                throw new IllegalArgumentException(
                        sweeps.size() + " files but " + scores.size() + " score lists");
            }
            int n = 0;
            for (FileSweep s : sweeps) {
                n += Math.max(0, s.size() - s.probation());
            }
            Points p = new Points();
            p.score = new double[n];
            p.unweighted = new double[n];
            p.window = new int[n];
            int k = 0;
            for (int f = 0; f < sweeps.size(); f++) {
                FileSweep s = sweeps.get(f);
                double[] a = scores.get(f);
                if (a.length != s.size()) {
                    throw new IllegalArgumentException(
                            s.name()
                                    + ": "
                                    + a.length
                                    + " anomaly scores for "
                                    + s.size()
                                    + " rows");
                }
                for (int i = s.probation(); i < s.size(); i++, k++) {
                    p.score[k] = a[i];
                    p.unweighted[k] = s.unweighted()[i];
                    p.window[k] = s.window()[i] < 0 ? -1 : p.windows + s.window()[i];
                }
                p.windows += s.windows();
                p.scorableWindows += s.scorableWindows();
            }
            return p;
        }

        /** Row indices by score, highest first, ties in corpus order. */
        Integer[] descending() {
            Integer[] order = new Integer[score.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
            return order;
        }
    }
}
