package io.keyedrnn.flink;

import io.keyedrnn.serve.RingStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * One key's ring entries in {@link RingState}: writes wait here until the key's state is stored
 * ({@link RingState#flush}), because a batched step writes them while another key is current; reads
 * (replay, resize) see those writes, then the state's entries, read once for all slots.
 */
final class KeyRing implements RingStore {
    private final RingState owner;
    private int[] slots = new int[0];
    private float[][] rows = new float[0][];
    private int[] tokens = new int[0];
    private int pending;
    private boolean cleared;
    private Map<Integer, float[]> storedFeatures;
    private Map<Integer, Integer> storedTokens;

    KeyRing(RingState owner) {
        this.owner = owner;
    }

    RingState owner() {
        return owner;
    }

    @Override
    public void putFeatures(int slot, float[] x) {
        add(slot, x.clone(), 0);
    }

    @Override
    public void putToken(int slot, int token) {
        add(slot, null, token);
    }

    @Override
    public float[] features(int slot) {
        int i = find(slot);
        if (i >= 0) {
            return rows[i];
        }
        return cleared ? null : stored().get(slot);
    }

    @Override
    public int token(int slot) {
        int i = find(slot);
        if (i >= 0) {
            return rows[i] == null ? tokens[i] : NO_TOKEN;
        }
        Integer t = cleared ? null : storedTokens().get(slot);
        return t == null ? NO_TOKEN : t;
    }

    @Override
    public void clear() {
        pending = 0;
        cleared = true;
        storedFeatures = null;
        storedTokens = null;
    }

    /** Writes the waiting entries to the current key's state (after clearing it, if asked). */
    void flush() throws Exception {
        if (cleared) {
            owner.clear();
        }
        for (int i = 0; i < pending; i++) {
            if (rows[i] != null) {
                owner.features.put(slots[i], rows[i]);
            } else {
                owner.tokens.put(slots[i], tokens[i]);
            }
        }
        pending = 0;
        cleared = false;
        storedFeatures = null;
        storedTokens = null;
    }

    private void add(int slot, float[] row, int token) {
        if (pending == slots.length) {
            int n = Math.max(4, 2 * pending);
            slots = Arrays.copyOf(slots, n);
            rows = Arrays.copyOf(rows, n);
            tokens = Arrays.copyOf(tokens, n);
        }
        slots[pending] = slot;
        rows[pending] = row;
        tokens[pending] = token;
        pending++;
    }

    /** The newest waiting write of slot, or -1. */
    private int find(int slot) {
        for (int i = pending - 1; i >= 0; i--) {
            if (slots[i] == slot) {
                return i;
            }
        }
        return -1;
    }

    private Map<Integer, float[]> stored() {
        if (storedFeatures == null) {
            storedFeatures = readAll(owner.features);
        }
        return storedFeatures;
    }

    private Map<Integer, Integer> storedTokens() {
        if (storedTokens == null) {
            storedTokens = readAll(owner.tokens);
        }
        return storedTokens;
    }

    /** Every entry of the current key's map state, read once. */
    private static <V> Map<Integer, V> readAll(MapState<Integer, V> state) {
        Map<Integer, V> all = new HashMap<>();
        try {
            Iterable<Map.Entry<Integer, V>> entries = state.entries();
            if (entries != null) {
                entries.forEach(e -> all.put(e.getKey(), e.getValue()));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the ring state", e);
        }
        return all;
    }
}
