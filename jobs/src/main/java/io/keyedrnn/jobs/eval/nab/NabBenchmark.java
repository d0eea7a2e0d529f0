package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.data.NabSeries;
import java.util.List;

/**
 * Sums NAB file scores over a corpus and normalises them as numenta/NAB {@code nab/runner.py}
 * {@code normalize} does: the null baseline is the score of a detector that never fires (−A_FN per
 * scorable window), and the perfect score is A_TP times the number of labelled windows.
 */
public final class NabBenchmark {
    private NabBenchmark() {}

    /** The corpus result; detections.get(f) holds one flag per row of corpus.get(f). */
    public static NabResult score(
            List<NabSeries> corpus, List<boolean[]> detections, NabProfile profile) {
        if (corpus.size() != detections.size()) {
            throw new IllegalArgumentException(
                    corpus.size() + " files but " + detections.size() + " detection lists");
        }
        double raw = 0;
        double nullRaw = 0;
        int windows = 0;
        int detected = 0;
        int fps = 0;
        for (int f = 0; f < corpus.size(); f++) {
            NabSeries s = corpus.get(f);
            FileScore fs = NabFileScorer.score(s, detections.get(f), profile);
            raw += fs.score();
            nullRaw += NabFileScorer.score(s, new boolean[s.size()], profile).score();
            windows += fs.windows();
            detected += fs.detected();
            fps += fs.falsePositives();
        }
        double perfect = profile.tpWeight() * windows;
        return new NabResult(profile, raw, nullRaw, perfect, windows, detected, fps);
    }

    /** Detections from anomaly scores: NAB fires where score ≥ threshold. */
    public static boolean[] threshold(double[] scores, double threshold) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold;
        }
        return out;
    }
}
