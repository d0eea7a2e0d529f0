package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.eval.data.HdfsSessions;
import java.nio.file.Path;
import java.util.List;

/**
 * The hdfs suite: DeepLog's protocol on its HDFS log-key sessions. Trains on normal sessions only,
 * flags a session when any event falls outside the top-g predictions, and reports recall on the
 * abnormal sessions, the false-positive rate on held-out normal sessions, and the precision and F1
 * those imply at DeepLog's test class ratio.
 *
 * <p>Runs twice: on the sessions as given, and with an end-of-session token appended to every
 * session, so that a session ending where a normal one would go on is itself an unexpected event
 * (DeepLog's reference code gets a similar effect by padding sessions shorter than its window with
 * a label no prediction can match).
 */
public final class HdfsSuite {
    /**
     * Sessions shorter than this are reported apart: DeepLog's reference code (window 10) flags
     * every one of them through its padding.
     */
    public static final int SHORT_SESSION = 11;

    private HdfsSuite() {}

    /** Both runs: without and with the end-of-session token. */
    public static List<HdfsResult> run(Path dataDir, HdfsSettings s) {
        Path dir = dataDir.resolve("hdfs");
        int keys = SessionTokens.LOG_KEYS;
        List<int[]> normal = HdfsSessions.read(dir.resolve("hdfs_train"), keys);
        List<int[]> abnormal = HdfsSessions.read(dir.resolve("hdfs_test_abnormal"), keys);
        abnormal = abnormal.subList(0, Math.min(abnormal.size(), s.maxAbnormal()));
        SessionSplit split = SessionSplit.of(normal, s);
        if (System.getenv("EXP_END_ONLY") != null) {
            return List.of(run(split, abnormal, new SessionTokens(true), s));
        }
        return List.of(
                run(split, abnormal, new SessionTokens(false), s),
                run(split, abnormal, new SessionTokens(true), s));
    }

    private static HdfsResult run(
            SessionSplit split, List<int[]> abnormal, SessionTokens alphabet, HdfsSettings s) {
        long start = System.nanoTime();
        HdfsTraining.Trained trained = HdfsTraining.train(split, alphabet, s);
        SessionScorer scorer = new SessionScorer(trained.model(), alphabet);
        SessionScores vs = scorer.score(split.validation(), "val-");
        SessionScores hs = scorer.score(split.heldOut(), "normal-");
        SessionScores bs = scorer.score(abnormal, "abnormal-");
        int[] val = vs.worstRank();
        int[] held = hs.worstRank();
        int[] bad = bs.worstRank();
        int g = SessionRanks.smallestG(val, s.maxValidationFpRate());
        for (double rate : new double[] {0.0, 0.001, 0.002, 0.005}) {
            int gg = SessionRanks.smallestG(val, rate);
            double t = SessionThreshold.choose(vs.worstSurprisal(), rate);
            System.err.printf(
                    "EXP end=%s rate=%.3f g=%d recall=%.4f fp=%d/%d | t=%.3f recall=%.4f fp=%d/%d%n",
                    alphabet.endToken(),
                    rate,
                    gg,
                    SessionRanks.flagged(bad, gg) / (double) bad.length,
                    SessionRanks.flagged(held, gg),
                    held.length,
                    t,
                    SessionThreshold.flagged(bs.worstSurprisal(), t) / (double) bad.length,
                    SessionThreshold.flagged(hs.worstSurprisal(), t),
                    held.length);
        }
        return new HdfsResult(
                alphabet.endToken(),
                split.train().size(),
                split.validation().size(),
                split.heldOut().size(),
                abnormal.size(),
                rates(bad, held, HdfsSettings.DEFAULT_G),
                g,
                rates(bad, held, g),
                recall(bad, abnormal, true),
                recall(bad, abnormal, false),
                trained.bestEpoch(),
                trained.epochsRun(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Recall at g = 9 among the short (or the other) abnormal sessions. */
    private static double recall(int[] worst, List<int[]> sessions, boolean shortOnes) {
        int n = 0;
        int flagged = 0;
        for (int i = 0; i < worst.length; i++) {
            if ((sessions.get(i).length < SHORT_SESSION) == shortOnes) {
                n++;
                flagged += worst[i] >= HdfsSettings.DEFAULT_G ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : flagged / (double) n;
    }

    private static DetectionRates rates(int[] abnormal, int[] normal, int g) {
        return new DetectionRates(
                SessionRanks.flagged(abnormal, g),
                abnormal.length,
                SessionRanks.flagged(normal, g),
                normal.length);
    }
}
