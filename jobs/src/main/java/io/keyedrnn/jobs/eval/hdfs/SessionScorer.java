package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.score.TokenRule;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.SessionStep;
import java.util.List;

/**
 * Streams sessions through the scoring job's session path ({@link SessionStep}), one key per
 * session: its log keys as token events, then an end marker (what the job does for an event whose
 * {@code fields.end} is true), which scores {@code <end>} when the model knows it. Keeps each
 * session's worst token rank and worst surprisal over the scored records, the end included.
 */
final class SessionScorer {
    private final ModelServable servable;
    private final SessionStep step;
    private final String[] tokens;
    private final Progress progress;
    private long scored;
    private int worstRank;
    private double worstSurprisal;
    private boolean anomaly;
    private boolean atEnd;
    private int eventRank;
    private double endSurprisal;

    /**
     * Scores under the default rule (top g = 9), counting each session on {@code progress}; the
     * worst rank and surprisal do not depend on the rule.
     */
    SessionScorer(Model model, SessionTokens alphabet, Progress progress) {
        this(model, alphabet, progress, null, null, TokenRule.AUTO);
    }

    /**
     * Scores with the servable's rule set to g, threshold t (null: none) and rule, the way the
     * scoring job would be configured ({@code top.g}, {@code threshold}, {@code token.rule}).
     */
    SessionScorer(
            Model model,
            SessionTokens alphabet,
            Progress progress,
            Integer g,
            Double t,
            TokenRule rule) {
        this(
                model,
                alphabet,
                progress,
                ScoringConfig.DEFAULTS
                        .withWarmupEvents(0)
                        .withTopG(g)
                        .withThreshold(t)
                        .withTokenRule(rule));
    }

    /**
     * Scores with a servable configured as the scoring job would be by c (its warm-up should be 0:
     * a session's first events count).
     */
    SessionScorer(Model model, SessionTokens alphabet, Progress progress, ScoringConfig c) {
        this.progress = progress;
        this.servable = new ModelServable(model, c);
        this.step = new SessionStep(servable, SessionConfig.DEFAULTS);
        this.tokens = alphabet.vocabulary().toArray(new String[0]);
    }

    /** Counts on from n sessions already scored on the same progress (by another scorer). */
    SessionScorer countingFrom(long n) {
        scored = n;
        return this;
    }

    /** Worst rank and surprisal of each session, and whether the servable flagged it, in order. */
    SessionScores score(List<int[]> sessions, String prefix) {
        int[] rank = new int[sessions.size()];
        double[] surprisal = new double[sessions.size()];
        boolean[] flagged = new boolean[sessions.size()];
        int[] events = new int[sessions.size()];
        double[] ends = new double[sessions.size()];
        for (int i = 0; i < rank.length; i++) {
            worstRank = -1;
            worstSurprisal = Double.NEGATIVE_INFINITY;
            anomaly = false;
            atEnd = false;
            eventRank = -1;
            endSurprisal = Double.NEGATIVE_INFINITY;
            String key = prefix + i;
            KeyState state = servable.newState();
            for (int id : sessions.get(i)) {
                Event e = Event.categorical(key, Event.NO_TIMESTAMP, tokens[id]);
                if (step.check(e, state) != null) {
                    throw new IllegalStateException(
                            "the servable refused token " + tokens[id] + " of session " + i);
                }
                state = step.apply(e, state, SessionStep.NO_END, this::observe);
            }
            atEnd = true;
            step.apply(
                    Event.endOf(key, Event.NO_TIMESTAMP), state, SessionStep.NO_END, this::observe);
            rank[i] = worstRank;
            surprisal[i] = worstSurprisal;
            flagged[i] = anomaly;
            events[i] = eventRank;
            ends[i] = endSurprisal;
            progress.done(++scored);
        }
        return new SessionScores(rank, surprisal, flagged, events, ends);
    }

    private void observe(Prediction p) {
        if (p.scored) {
            worstRank = Math.max(worstRank, p.rank);
            worstSurprisal = Math.max(worstSurprisal, p.score);
            anomaly |= p.anomaly;
            if (atEnd) {
                endSurprisal = Math.max(endSurprisal, p.score);
            } else {
                eventRank = Math.max(eventRank, p.rank);
            }
        }
    }
}
