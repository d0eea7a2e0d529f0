package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.Vocabulary;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Maps a key's tokens to vocabulary ids: unknown tokens to {@code <unk>} when the vocabulary has it
 * and that mode is on, else drops them (counted as {@code unknown_token}).
 */
final class TokenCoder {
    /** A key's ids, its serving events (original token text) and its split after drops. */
    record Coded(int[] ids, Event[] events, int split) {}

    private final Map<String, Integer> ids;
    private final int unknownId;
    private final SkipCounts skipped;

    TokenCoder(List<String> vocab, boolean unknownAsUnk, SkipCounts skipped) {
        this.ids = TokenVocabulary.ids(vocab);
        this.unknownId =
                Preparation.mapsUnknown(vocab, unknownAsUnk) ? ids.get(Vocabulary.UNKNOWN) : -1;
        this.skipped = skipped;
    }

    boolean mapsUnknown() {
        return unknownId >= 0;
    }

    /** The coded key, or null when fewer than two training events remain (key skipped). */
    Coded code(KeyHistory k, int split) {
        int n = k.length();
        int[] out = new int[n];
        Event[] events = new Event[n];
        int kept = 0;
        int keptBeforeSplit = 0;
        String example = null;
        for (int t = 0; t < n; t++) {
            int id = ids.getOrDefault(k.tokens()[t], unknownId);
            if (id < 0) {
                if (example == null) {
                    example = "key '" + k.key() + "' token '" + k.tokens()[t] + "'";
                }
                continue;
            }
            out[kept] = id;
            events[kept++] = Event.categorical(k.key(), k.ts()[t], k.tokens()[t]);
            if (t < split) {
                keptBeforeSplit++;
            }
        }
        skipped.events("unknown_token", n - kept, example);
        if (keptBeforeSplit < 2) {
            skipped.key(
                    "too_few_known_tokens",
                    kept,
                    "key '" + k.key() + "' keeps " + keptBeforeSplit + " known training tokens");
            return null;
        }
        return new Coded(Arrays.copyOf(out, kept), Arrays.copyOf(events, kept), keptBeforeSplit);
    }
}
