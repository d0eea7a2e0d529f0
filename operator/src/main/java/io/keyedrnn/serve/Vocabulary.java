package io.keyedrnn.serve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token string to id lookup for a categorical model.
 *
 * <p>From the model's vocabulary list when it has one; otherwise tokens are the ids themselves
 * written in decimal ("0" .. "V-1"), which is how a plain PyTorch file's events name them. In an
 * open vocabulary, unknown tokens map to the id of {@link #UNKNOWN} when the list contains it.
 */
public final class Vocabulary {
    /** The token unknown tokens map to in an open vocabulary. */
    public static final String UNKNOWN = "<unk>";

    /** The end-of-sequence token a key's session end is scored as (see {@link SessionConfig}). */
    public static final String END = "<end>";

    private final Map<String, Integer> ids;
    private final int size;
    private final int unknownId;
    private final long signature;

    private Vocabulary(Map<String, Integer> ids, int size, boolean open, long signature) {
        this.ids = ids;
        this.size = size;
        Integer unk = ids == null ? null : ids.get(UNKNOWN);
        this.unknownId = open && unk != null ? unk : -1;
        this.signature = signature;
    }

    /** A vocabulary of the given token list (null: decimal ids below size). */
    public static Vocabulary of(List<String> tokens, int size, boolean open) {
        if (tokens == null) {
            return new Vocabulary(null, size, open, size);
        }
        if (tokens.size() != size) {
            throw new IllegalArgumentException(
                    "the vocabulary lists " + tokens.size() + " tokens but the model has " + size);
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException(
                        "the vocabulary lists token '" + tokens.get(i) + "' twice");
            }
        }
        return new Vocabulary(ids, size, open, 31L * tokens.hashCode() + size);
    }

    /** The token's id, or -1 when it is unknown (and the vocabulary closed or without UNKNOWN). */
    public int id(String token) {
        if (ids != null) {
            Integer id = ids.get(token);
            return id != null ? id : unknownId;
        }
        return decimalId(token);
    }

    private int decimalId(String token) {
        int n = token.length();
        if (n == 0 || n > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < size ? v : -1;
    }

    /** The id of exactly this token (never the unknown id), or -1 when the vocabulary lacks it. */
    public int exactId(String token) {
        if (ids != null) {
            Integer id = ids.get(token);
            return id != null ? id : -1;
        }
        return decimalId(token);
    }

    public int size() {
        return size;
    }

    /** Identifies the token-to-id mapping: equal signatures mean ids mean the same tokens. */
    public long signature() {
        return signature;
    }
}
