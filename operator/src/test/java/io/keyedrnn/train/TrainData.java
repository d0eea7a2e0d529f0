package io.keyedrnn.train;

import io.keyedrnn.model.NetworkSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Random sequences of unequal length for the training tests. */
final class TrainData {
    private TrainData() {}

    /** Sequences for the spec's input kind with lengths in [minLen, maxLen], longest first. */
    static List<Sequence> random(NetworkSpec spec, int keys, int minLen, int maxLen, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            int len = minLen + rnd.nextInt(maxLen - minLen + 1);
            if (spec.categorical()) {
                int[] tokens = new int[len];
                for (int t = 0; t < len; t++) {
                    tokens[t] = rnd.nextInt(spec.vocabularySize());
                }
                out.add(Sequence.tokens("key-" + k, tokens));
            } else {
                float[][] rows = new float[len][spec.inputSize()];
                for (float[] row : rows) {
                    for (int f = 0; f < row.length; f++) {
                        row[f] = (float) rnd.nextDouble(-1.5, 1.5);
                    }
                }
                out.add(Sequence.numeric("key-" + k, rows));
            }
        }
        out.sort(Comparator.comparingInt(Sequence::length).reversed());
        return out;
    }
}
