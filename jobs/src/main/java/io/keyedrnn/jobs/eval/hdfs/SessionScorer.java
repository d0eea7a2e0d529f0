package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.util.List;

/**
 * Streams sessions through the scoring path, one key per session, and keeps each session's worst
 * token rank (the largest rank of any scored event; −1 when no event was scored). With an
 * end-of-session token, the session's end is scored like an event.
 */
final class SessionScorer {
    private final ModelServable servable;
    private final SessionTokens alphabet;
    private final String[] tokens;

    SessionScorer(Model model, SessionTokens alphabet) {
        this.servable = new ModelServable(model, ScoringConfig.DEFAULTS.withWarmupEvents(0));
        this.alphabet = alphabet;
        this.tokens = alphabet.vocabulary().toArray(new String[0]);
    }

    /** Worst rank and surprisal of each session, in order. */
    SessionScores score(List<int[]> sessions, String prefix) {
        int[] worst = new int[sessions.size()];
        double[] surprisal = new double[sessions.size()];
        Event e = new Event();
        for (int i = 0; i < worst.length; i++) {
            KeyState state = servable.newState();
            e.setKey(prefix + i);
            worst[i] = -1;
            surprisal[i] = Double.NEGATIVE_INFINITY;
            for (int id : alphabet.ids(sessions.get(i))) {
                e.setToken(tokens[id]);
                Prediction p = servable.process(e, state);
                if (p == null) {
                    throw new IllegalStateException(
                            "the servable refused token " + tokens[id] + " of session " + i);
                }
                if (p.scored) {
                    worst[i] = Math.max(worst[i], p.rank);
                    surprisal[i] = Math.max(surprisal[i], p.score);
                }
            }
        }
        return new SessionScores(worst, surprisal);
    }
}
