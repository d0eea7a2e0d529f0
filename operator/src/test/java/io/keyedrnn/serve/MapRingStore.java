package io.keyedrnn.serve;

import java.util.HashMap;
import java.util.Map;

/** A {@link RingStore} in two maps, counting its writes, reads and clears (for tests). */
public final class MapRingStore implements RingStore {
    public final Map<Integer, float[]> features = new HashMap<>();
    public final Map<Integer, Integer> tokens = new HashMap<>();
    public int writes;
    public int clears;
    public int reads;

    @Override
    public void putFeatures(int slot, float[] x) {
        features.put(slot, x.clone());
        writes++;
    }

    @Override
    public void putToken(int slot, int token) {
        tokens.put(slot, token);
        writes++;
    }

    @Override
    public float[] features(int slot) {
        reads++;
        return features.get(slot);
    }

    @Override
    public int token(int slot) {
        reads++;
        return tokens.getOrDefault(slot, NO_TOKEN);
    }

    @Override
    public void clear() {
        features.clear();
        tokens.clear();
        clears++;
    }
}
