package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.model.io.Model;
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

    /** A scorer that counts each session scored on {@code progress}. */
    SessionScorer(Model model, SessionTokens alphabet, Progress progress) {
        this.progress = progress;
        this.servable = new ModelServable(model, ScoringConfig.DEFAULTS.withWarmupEvents(0));
        this.step = new SessionStep(servable, SessionConfig.DEFAULTS);
        this.tokens = alphabet.vocabulary().toArray(new String[0]);
    }

    /** Worst rank and surprisal of each session, in order. */
    SessionScores score(List<int[]> sessions, String prefix) {
        int[] rank = new int[sessions.size()];
        double[] surprisal = new double[sessions.size()];
        for (int i = 0; i < rank.length; i++) {
            worstRank = -1;
            worstSurprisal = Double.NEGATIVE_INFINITY;
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
            step.apply(
                    Event.endOf(key, Event.NO_TIMESTAMP), state, SessionStep.NO_END, this::observe);
            rank[i] = worstRank;
            surprisal[i] = worstSurprisal;
            progress.done(++scored);
        }
        return new SessionScores(rank, surprisal);
    }

    private void observe(Prediction p) {
        if (p.scored) {
            worstRank = Math.max(worstRank, p.rank);
            worstSurprisal = Math.max(worstSurprisal, p.score);
        }
    }
}
