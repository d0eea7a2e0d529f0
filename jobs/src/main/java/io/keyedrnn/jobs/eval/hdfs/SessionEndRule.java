package io.keyedrnn.jobs.eval.hdfs;

/**
 * A session rule that judges the {@code <end>} record on its own: a session is flagged when one of
 * its events falls outside the top g, or its end has a surprisal −ln p above t. Normal sessions end
 * where the model expects (small end surprisal) while a session that stops early has an improbable
 * end that may still rank inside the top g, so the end gets a threshold and the events keep top g
 * without a threshold of their own.
 */
final class SessionEndRule {
    private SessionEndRule() {}

    /** Sessions flagged under (g, t). Not modified: scores. */
    static long flagged(SessionScores scores, int g, double t) {
        return SessionEither.flagged(scores.eventRank(), scores.endSurprisal(), g, t);
    }

    /** g over the events only, for the target FP rate on the (normal, validation) sessions. */
    static int chooseG(SessionScores validation, double maxFpRate) {
        return SessionRanks.smallestG(validation.eventRank(), maxFpRate);
    }

    /** The end threshold that flags no validation session: their largest end surprisal. */
    static double chooseThreshold(SessionScores validation) {
        return SessionThreshold.choose(validation.endSurprisal(), 0.0);
    }

    /** Recall and FP rate of the rule at (g, t). */
    static DetectionRates rates(SessionScores abnormal, SessionScores normal, int g, double t) {
        return new DetectionRates(
                flagged(abnormal, g, t), abnormal.size(), flagged(normal, g, t), normal.size());
    }
}
