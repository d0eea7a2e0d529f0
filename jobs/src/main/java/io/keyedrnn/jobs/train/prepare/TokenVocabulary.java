package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.serve.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the vocabulary of a categorical model from the training parts of the keys: tokens by
 * descending count (ties by token text), at most {@code cap} entries. With {@code unk} the first
 * entry is {@link Vocabulary#UNKNOWN} and takes every token left out (too rare for the cap, or seen
 * only in validation); without it such tokens are dropped from the data.
 */
public final class TokenVocabulary {
    private TokenVocabulary() {}

    /** The vocabulary from tokens[0, end) of each key. */
    public static List<String> build(
            List<String[]> tokens, List<Integer> ends, int cap, boolean unk) {
        Map<String, Long> counts = new HashMap<>();
        for (int k = 0; k < tokens.size(); k++) {
            String[] t = tokens.get(k);
            for (int i = 0; i < ends.get(k); i++) {
                counts.merge(t[i], 1L, Long::sum);
            }
        }
        counts.remove(Vocabulary.UNKNOWN);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(
                (a, b) -> {
                    int c = Long.compare(b.getValue(), a.getValue());
                    return c != 0 ? c : a.getKey().compareTo(b.getKey());
                });
        List<String> vocab = new ArrayList<>();
        if (unk) {
            vocab.add(Vocabulary.UNKNOWN);
        }
        for (Map.Entry<String, Long> e : sorted) {
            if (vocab.size() >= cap) {
                break;
            }
            vocab.add(e.getKey());
        }
        return vocab;
    }

    /** Token to id; the unknown id (or -1) for tokens not in it. */
    public static Map<String, Integer> ids(List<String> vocab) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        return ids;
    }
}
