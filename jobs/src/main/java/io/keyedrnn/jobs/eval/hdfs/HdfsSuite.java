package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.data.HdfsSessions;
import io.keyedrnn.score.TokenRank;
import io.keyedrnn.score.TokenRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hdfs suite: DeepLog's protocol on its HDFS log-key sessions, the streaming way. Trains on
 * normal sessions only, each followed by the end-of-sequence token {@code <end>}; scores every
 * session through the scoring job's session path (its keys as events, then its end), so that a
 * session ending where a normal one would go on is itself an unexpected event. A session is flagged
 * when any scored record falls outside the top g, or (the threshold rule) has a surprisal above the
 * threshold, or (the combined rule) either. Reports recall on the abnormal sessions, the
 * false-positive rate on held-out normal sessions, and the precision and F1 those imply at
 * DeepLog's test class ratio.
 */
public final class HdfsSuite {
    /**
     * Sessions shorter than this are reported apart: DeepLog's reference code (window 10) flags
     * every one of them through its padding.
     */
    public static final int SHORT_SESSION = 11;

    private HdfsSuite() {}

    /**
     * The run with the end-of-session token, showing training epochs and the sessions scored on
     * {@code progress}.
     */
    public static List<HdfsResult> run(Path dataDir, HdfsSettings s, ProgressOut progress) {
        Path dir = dataDir.resolve("hdfs");
        int keys = SessionTokens.LOG_KEYS;
        List<int[]> normal = HdfsSessions.read(dir.resolve("hdfs_train"), keys);
        List<int[]> abnormal = HdfsSessions.read(dir.resolve("hdfs_test_abnormal"), keys);
        abnormal = abnormal.subList(0, Math.min(abnormal.size(), s.maxAbnormal()));
        SessionSplit split = SessionSplit.of(normal, s);
        return List.of(run(split, abnormal, new SessionTokens(true), s, progress));
    }

    private static HdfsResult run(
            SessionSplit split,
            List<int[]> abnormal,
            SessionTokens alphabet,
            HdfsSettings s,
            ProgressOut progress) {
        long start = System.nanoTime();
        HdfsTraining.Trained trained =
                HdfsTraining.train(split, alphabet, s, progress.epochs(s.epochs()));
        Progress sessions =
                progress.of(
                        "sessions scored",
                        split.validation().size() + split.heldOut().size() + abnormal.size());
        SessionScores val =
                new SessionScorer(trained.model(), alphabet, sessions)
                        .score(split.validation(), "val-");
        int g = SessionRanks.smallestG(val.worstRank(), s.targetFpRate());
        double t = SessionThreshold.choose(val.worstSurprisal(), s.targetFpRate());
        double te = SessionEither.chooseThreshold(val);
        // The test sessions are scored once, by a servable configured as the scoring job would
        // be from the validation choice; their worst ranks and surprisals do not depend on it.
        SessionScorer job =
                new SessionScorer(trained.model(), alphabet, sessions, g, te, TokenRule.EITHER)
                        .countingFrom(val.size());
        SessionScores held = job.score(split.heldOut(), "normal-");
        SessionScores bad = job.score(abnormal, "abnormal-");
        sessions.finish();
        return new HdfsResult(
                alphabet.endToken(),
                split.train().size(),
                split.validation().size(),
                split.heldOut().size(),
                abnormal.size(),
                rates(bad.worstRank(), held.worstRank(), HdfsSettings.DEFAULT_G),
                g,
                rates(bad.worstRank(), held.worstRank(), g),
                t,
                new DetectionRates(
                        SessionThreshold.flagged(bad.worstSurprisal(), t),
                        bad.size(),
                        SessionThreshold.flagged(held.worstSurprisal(), t),
                        held.size()),
                te,
                either(g, te, bad, held),
                recall(bad.worstRank(), abnormal, true),
                recall(bad.worstRank(), abnormal, false),
                flaggedHeldOut(held, split.heldOut(), g, te),
                trained.bestEpoch(),
                trained.epochsRun(),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The combined rule's rates as the scoring job flags them ({@code top.g} g, {@code threshold}
     * t, {@code token.rule} either), which must agree with the rule applied to the worst ranks and
     * surprisals.
     */
    private static DetectionRates either(int g, double t, SessionScores bad, SessionScores held) {
        DetectionRates served =
                new DetectionRates(
                        bad.flaggedCount(), bad.size(), held.flaggedCount(), held.size());
        if (!served.equals(SessionEither.rates(bad, held, g, t))) {
            throw new IllegalStateException(
                    "token.rule either in the servable disagrees with the session rule: " + served);
        }
        return served;
    }

    /**
     * The held-out normals the combined rule flags, each as "keys/worst rank/worst surprisal", so
     * that a false positive can be looked at.
     */
    private static List<String> flaggedHeldOut(
            SessionScores held, List<int[]> sessions, int g, double t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            if (TokenRank.outsideTopG(held.worstRank()[i], g) || held.worstSurprisal()[i] > t) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%d keys/rank %d/-ln p %.2f",
                                sessions.get(i).length,
                                held.worstRank()[i],
                                held.worstSurprisal()[i]));
            }
        }
        return out;
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
