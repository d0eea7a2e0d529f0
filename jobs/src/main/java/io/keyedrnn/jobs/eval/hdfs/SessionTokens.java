package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.serve.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * The token alphabet of a run: DeepLog's log keys "1".."28" (ids 0..27), plus, when sessions are
 * closed explicitly, the scoring job's end-of-session token {@link Vocabulary#END} (id 28) after
 * each session's last key in training.
 */
record SessionTokens(boolean endToken) {
    /** DeepLog's 28 log keys. */
    static final int LOG_KEYS = 28;

    static final String END = Vocabulary.END;

    int size() {
        return LOG_KEYS + (endToken ? 1 : 0);
    }

    /** The vocabulary in id order, as the model file stores it. */
    List<String> vocabulary() {
        List<String> v = new ArrayList<>(size());
        for (int k = 1; k <= LOG_KEYS; k++) {
            v.add(Integer.toString(k));
        }
        if (endToken) {
            v.add(END);
        }
        return v;
    }

    /** A session's token ids, with the end token appended when enabled. Not modified: keys. */
    int[] ids(int[] keys) {
        if (!endToken) {
            return keys;
        }
        int[] out = java.util.Arrays.copyOf(keys, keys.length + 1);
        out[keys.length] = LOG_KEYS;
        return out;
    }
}
