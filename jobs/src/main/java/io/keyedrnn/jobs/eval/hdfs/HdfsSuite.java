package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.data.HdfsSessions;
import io.keyedrnn.score.TokenRank;
import io.keyedrnn.score.TokenRule;
import io.keyedrnn.serve.ScoringConfig;
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

    /** Flagged held-out normals listed one by one in the notes. */
    private static final int LISTED = 10;

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
        return run(split, abnormal, new SessionTokens(true), s, progress);
    }

    private static List<HdfsResult> run(
            SessionSplit split,
            List<int[]> abnormal,
            SessionTokens alphabet,
            HdfsSettings s,
            ProgressOut progress) {
        long start = System.nanoTime();
        HdfsTraining.Trained trained =
                HdfsTraining.train(split, alphabet, s, progress.epochs(s.epochs()));
        int runs = s.refitEpochs() > 0 ? 2 : 1;
        Progress sessions =
                progress.of(
                        "sessions scored",
                        split.validation().size()
                                + 2 * runs * (split.heldOut().size() + abnormal.size()));
        SessionScores val =
                new SessionScorer(trained.model(), alphabet, sessions)
                        .score(split.validation(), "val-");
        Choice c = Choice.of(val, s.targetFpRate());
        List<HdfsResult> out = new ArrayList<>();
        out.add(
                scored(
                        "early-stopped",
                        trained,
                        c,
                        split,
                        abnormal,
                        alphabet,
                        sessions,
                        val.size(),
                        start));
        if (runs == 2) {
            // Everything validation chooses is fixed above, from the early-stopped model's
            // validation scores; the refit then also trains on the validation sessions.
            long refitStart = System.nanoTime();
            HdfsTraining.Trained refit =
                    HdfsTraining.refit(
                            trained, split, alphabet, s, progress.epochs(s.refitEpochs()));
            out.add(
                    scored(
                            "refit on train+validation",
                            refit,
                            c,
                            split,
                            abnormal,
                            alphabet,
                            sessions,
                            val.size() + 2 * (split.heldOut().size() + abnormal.size()),
                            refitStart));
        }
        sessions.finish();
        return out;
    }

    /**
     * The held-out and abnormal sessions scored once, by a servable configured as the scoring job
     * would be from the validation choice; their worst ranks and surprisals do not depend on it.
     */
    private static HdfsResult scored(
            String name,
            HdfsTraining.Trained trained,
            Choice c,
            SessionSplit split,
            List<int[]> abnormal,
            SessionTokens alphabet,
            Progress sessions,
            long counted,
            long start) {
        SessionScorer job =
                new SessionScorer(trained.model(), alphabet, sessions, c.g, c.te, TokenRule.EITHER)
                        .countingFrom(counted);
        SessionScores held = job.score(split.heldOut(), "normal-");
        SessionScores bad = job.score(abnormal, "abnormal-");
        // The end rule as the scoring job runs it: token.rule top_g, end.threshold.
        SessionScorer endJob =
                new SessionScorer(
                                trained.model(),
                                alphabet,
                                sessions,
                                ScoringConfig.DEFAULTS
                                        .withWarmupEvents(0)
                                        .withTopG(c.endG)
                                        .withTokenRule(TokenRule.TOP_G)
                                        .withEndThreshold(c.endT))
                        .countingFrom(counted + held.size() + bad.size());
        DetectionRates atEnds =
                served(
                        endJob.score(abnormal, "abnormal-"),
                        endJob.score(split.heldOut(), "normal-"),
                        SessionEndRule.rates(bad, held, c.endG, c.endT),
                        "token.rule top_g with end.threshold");
        return new HdfsResult(
                name,
                alphabet.endToken(),
                trained.sessions(),
                split.validation().size(),
                split.heldOut().size(),
                abnormal.size(),
                rates(bad.worstRank(), held.worstRank(), HdfsSettings.DEFAULT_G),
                c.g,
                rates(bad.worstRank(), held.worstRank(), c.g),
                c.t,
                new DetectionRates(
                        SessionThreshold.flagged(bad.worstSurprisal(), c.t),
                        bad.size(),
                        SessionThreshold.flagged(held.worstSurprisal(), c.t),
                        held.size()),
                c.te,
                either(c.g, c.te, bad, held),
                c.endG,
                c.endT,
                atEnds,
                recall(bad.worstRank(), abnormal, true),
                recall(bad.worstRank(), abnormal, false),
                flaggedHeldOut(held, split.heldOut(), c.g, c.te),
                trained.bestEpoch(),
                trained.epochsRun(),
                (System.nanoTime() - start) / 1e9);
    }

    /** What the validation normals choose, before any held-out or abnormal session is scored. */
    private record Choice(int g, double t, double te, int endG, double endT) {
        static Choice of(SessionScores val, double targetFpRate) {
            return new Choice(
                    SessionRanks.smallestG(val.worstRank(), targetFpRate),
                    SessionThreshold.choose(val.worstSurprisal(), targetFpRate),
                    SessionEither.chooseThreshold(val),
                    SessionEndRule.chooseG(val, targetFpRate),
                    SessionEndRule.chooseThreshold(val));
        }
    }

    /**
     * The combined rule's rates as the scoring job flags them ({@code top.g} g, {@code threshold}
     * t, {@code token.rule} either), which must agree with the rule applied to the worst ranks and
     * surprisals.
     */
    private static DetectionRates either(int g, double t, SessionScores bad, SessionScores held) {
        return served(bad, held, SessionEither.rates(bad, held, g, t), "token.rule either");
    }

    /** The rates the servable flagged, which must be those of the session rule it stands for. */
    private static DetectionRates served(
            SessionScores bad, SessionScores held, DetectionRates rule, String what) {
        DetectionRates served =
                new DetectionRates(
                        bad.flaggedCount(), bad.size(), held.flaggedCount(), held.size());
        if (!served.equals(rule)) {
            throw new IllegalStateException(
                    what + " in the servable disagrees with the session rule: " + served);
        }
        return served;
    }

    /**
     * The held-out normals the combined rule flags, each as "keys/worst rank/worst surprisal", so
     * that a false positive can be looked at; the first {@link #LISTED} and a count of the rest.
     */
    private static List<String> flaggedHeldOut(
            SessionScores held, List<int[]> sessions, int g, double t) {
        List<String> out = new ArrayList<>();
        int more = 0;
        for (int i = 0; i < held.size(); i++) {
            boolean flagged =
                    TokenRank.outsideTopG(held.worstRank()[i], g) || held.worstSurprisal()[i] > t;
            if (flagged && out.size() == LISTED) {
                more++;
            } else if (flagged) {
                out.add(
                        String.format(
                                Locale.ROOT,
                                "%d keys/rank %d/-ln p %.2f",
                                sessions.get(i).length,
                                held.worstRank()[i],
                                held.worstSurprisal()[i]));
            }
        }
        if (more > 0) {
            out.add(more + " more");
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
