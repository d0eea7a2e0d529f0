package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums NAB file scores over a corpus and normalises them as numenta/NAB {@code nab/runner.py}
 * {@code normalize} does: the null baseline is the score of NAB's null detector, which never fires
 * (−A_FN per scorable window), and the perfect score is A_TP times the number of labelled windows.
 */
public final class NabBenchmark {
    private NabBenchmark() {}

    /** The corpus result at a threshold; scores.get(f) holds one per row of sweeps.get(f). */
    public static NabResult score(
            List<FileSweep> sweeps, List<double[]> scores, double threshold, NabProfile profile) {
        if (sweeps.size() != scores.size()) {
            throw new IllegalArgumentException(
                    sweeps.size() + " files but " + scores.size() + " score lists");
        }
        double raw = 0;
        int scorable = 0;
        int windows = 0;
        int detected = 0;
        int fps = 0;
        for (int f = 0; f < sweeps.size(); f++) {
            FileScore fs = NabFileScorer.score(sweeps.get(f), scores.get(f), threshold, profile);
            raw += fs.score();
            scorable += fs.scorableWindows();
            windows += fs.windows();
            detected += fs.detected();
            fps += fs.falsePositives();
        }
        double nullRaw = -profile.fnWeight() * scorable;
        double perfect = profile.tpWeight() * windows;
        return new NabResult(profile, threshold, raw, nullRaw, perfect, windows, detected, fps);
    }

    /** The corpus result at NAB's optimised threshold for the profile. */
    public static NabResult optimized(
            List<FileSweep> sweeps, List<double[]> scores, NabProfile profile) {
        double t = ThresholdOptimizer.optimize(sweeps, scores, profile).threshold();
        return score(sweeps, scores, t, profile);
    }

    /** The corpus result of detections (true where the detector fired), one flag per row. */
    public static NabResult score(
            List<NabSeries> corpus, List<boolean[]> detections, NabProfile profile) {
        List<FileSweep> sweeps = corpus.stream().map(FileSweep::of).toList();
        List<double[]> scores = new ArrayList<>();
        for (boolean[] d : detections) {
            scores.add(ones(d));
        }
        return score(sweeps, scores, 1.0, profile);
    }

    private static double[] ones(boolean[] detections) {
        double[] s = new double[detections.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = detections[i] ? 1.0 : 0.0;
        }
        return s;
    }
}
