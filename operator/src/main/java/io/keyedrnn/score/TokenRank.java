package io.keyedrnn.score;

/**
 * Categorical scoring as in DeepLog (Du et al. 2017): an event is normal when its token is among
 * the g most probable tokens of the previous step's softmax.
 */
public final class TokenRank {
    /** DeepLog's default g when neither the calibration nor the configuration sets one. */
    public static final int DEFAULT_TOP_G = 9;

    private TokenRank() {}

    /**
     * Number of tokens strictly more probable than token (0 = the most probable). Ties do not count
     * against the token, so equally likely tokens share the better rank. Not modified: probs.
     */
    public static int rank(float[] probs, int n, int token) {
        float p = probs[token];
        int rank = 0;
        for (int i = 0; i < n; i++) {
            if (probs[i] > p) {
                rank++;
            }
        }
        return rank;
    }

    /** Whether a token of this rank falls outside the top g (DeepLog's anomaly rule). */
    public static boolean outsideTopG(int rank, int g) {
        return rank >= g;
    }

    /** Surprisal −ln p in nats; infinite for p = 0. */
    public static double surprisal(float probability) {
        return -Math.log(probability);
    }
}
