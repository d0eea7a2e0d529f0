package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.score.TokenRank;

/**
 * The two session rules together: a session is flagged when any scored record falls outside the top
 * g or has a surprisal −ln p above t. The threshold catches a session that ends too early (its
 * {@code <end>} is improbable yet may still rank inside the top g among many near-zero
 * probabilities); top g catches the long sessions the threshold, set by the most surprising normal,
 * lets through.
 */
final class SessionEither {
    private SessionEither() {}

    /** Sessions flagged by either rule. Not modified: scores. */
    static long flagged(SessionScores scores, int g, double t) {
        return flagged(scores.worstRank(), scores.worstSurprisal(), g, t);
    }

    /**
     * Sessions whose rank is outside the top g or whose surprisal is above t, per session i: the
     * pair rule over whichever records ranks and surprisals were taken from. Not modified: either.
     */
    static long flagged(int[] ranks, double[] surprisals, int g, double t) {
        long n = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (TokenRank.outsideTopG(ranks[i], g) || surprisals[i] > t) {
                n++;
            }
        }
        return n;
    }

    /**
     * The threshold that flags none of the (normal, validation) sessions: their largest worst
     * surprisal. The false-positive budget is left to g, so g is the top-g rule's own choice
     * ({@link SessionRanks#smallestG}) and the pair flags the same validation sessions as that g
     * alone.
     */
    static double chooseThreshold(SessionScores validation) {
        return SessionThreshold.choose(validation.worstSurprisal(), 0.0);
    }

    /** Recall and FP rate of the rule at (g, t). */
    static DetectionRates rates(SessionScores abnormal, SessionScores normal, int g, double t) {
        return new DetectionRates(
                flagged(abnormal, g, t), abnormal.size(), flagged(normal, g, t), normal.size());
    }
}
