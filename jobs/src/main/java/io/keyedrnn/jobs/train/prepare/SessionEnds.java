package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.ParsedEvent;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.Vocabulary;
import java.util.Arrays;

/**
 * Training's side of session ends: inserts the token {@link Vocabulary#END} into a key's token
 * history where the scoring job would score a session end, so the model learns how sessions end.
 * After every pause longer than the gap (at the previous event's time plus the gap, as the job's
 * timer) and after the key's last event (the history is taken to end with complete sessions).
 */
public final class SessionEnds {
    private SessionEnds() {}

    /** The history with ends inserted; gapMs 0: only after the last event. Not modified: k. */
    public static KeyHistory mark(KeyHistory k, long gapMs) {
        SessionConfig gap = new SessionConfig(gapMs, SessionConfig.SessionTime.EVENT, true);
        int n = k.length();
        long[] ts = new long[2 * n];
        String[] tokens = new String[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && gap.hasGap() && endsBetween(gap, k.ts()[i - 1], k.ts()[i])) {
                ts[m] = gap.eventTimeEnd(k.ts()[i - 1]);
                tokens[m++] = Vocabulary.END;
            }
            ts[m] = k.ts()[i];
            tokens[m++] = k.tokens()[i];
        }
        ts[m] = n > 0 ? k.ts()[n - 1] : ParsedEvent.NO_TIMESTAMP;
        tokens[m++] = Vocabulary.END;
        return new KeyHistory(k.key(), Arrays.copyOf(ts, m), null, Arrays.copyOf(tokens, m));
    }

    private static boolean endsBetween(SessionConfig gap, long previous, long next) {
        if (previous == ParsedEvent.NO_TIMESTAMP || next == ParsedEvent.NO_TIMESTAMP) {
            return false;
        }
        long end = gap.eventTimeEnd(previous);
        return end != Long.MAX_VALUE && next > end;
    }
}
