package io.keyedrnn.train;

import io.keyedrnn.model.NetworkSpec;
import java.util.List;

/** Checks training data against a network before any work, naming the key and event at fault. */
final class SequenceChecks {
    private SequenceChecks() {}

    /**
     * Throws if a sequence does not fit the spec (input kind, width, token range, finite values).
     * Returns the number of predictions that count.
     */
    static long check(List<Sequence> seqs, NetworkSpec spec, String role) {
        long predictions = 0;
        for (Sequence s : seqs) {
            if (spec.categorical()) {
                checkTokens(s, spec.vocabularySize(), role);
            } else {
                checkRows(s, spec.inputSize(), role);
            }
            predictions += s.predictionCount();
        }
        return predictions;
    }

    private static void checkTokens(Sequence s, int vocabulary, String role) {
        if (s.isNumeric()) {
            throw new IllegalArgumentException(
                    role + " key '" + s.key() + "' has numeric rows, the network takes tokens");
        }
        int[] tokens = s.tokens();
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] < 0 || tokens[t] >= vocabulary) {
                throw new IllegalArgumentException(
                        role
                                + " key '"
                                + s.key()
                                + "' event "
                                + t
                                + " has token "
                                + tokens[t]
                                + " outside the vocabulary [0, "
                                + vocabulary
                                + ")");
            }
        }
    }

    private static void checkRows(Sequence s, int width, String role) {
        if (!s.isNumeric()) {
            throw new IllegalArgumentException(
                    role + " key '" + s.key() + "' has tokens, the network takes numeric rows");
        }
        float[][] rows = s.rows();
        for (int t = 0; t < rows.length; t++) {
            if (rows[t] == null || rows[t].length != width) {
                throw new IllegalArgumentException(
                        role
                                + " key '"
                                + s.key()
                                + "' event "
                                + t
                                + " has "
                                + (rows[t] == null ? "no" : rows[t].length)
                                + " features, expected "
                                + width);
            }
            for (int f = 0; f < width; f++) {
                if (!Float.isFinite(rows[t][f])) {
                    throw new IllegalArgumentException(
                            role
                                    + " key '"
                                    + s.key()
                                    + "' event "
                                    + t
                                    + " feature "
                                    + f
                                    + " is "
                                    + rows[t][f]);
                }
            }
        }
    }

    /** The longest sequence's length, 0 for none. */
    static int maxLength(List<Sequence> seqs) {
        int max = 0;
        for (Sequence s : seqs) {
            max = Math.max(max, s.length());
        }
        return max;
    }
}
