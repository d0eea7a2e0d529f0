package io.keyedrnn.serve;

/**
 * The ring buffer of a key's recent raw inputs inside {@link KeyState}: rows of {@code features}
 * floats for a numeric model (features &gt; 0), token ids for a categorical one (features = 0).
 */
final class Ring {
    private Ring() {}

    /** Number of entries the ring can hold. */
    static int capacity(KeyState s, int features) {
        return features > 0 ? s.ringFeatures.length / features : s.ringTokens.length;
    }

    /** Replaces the ring by an empty one of the given capacity. Modified: s. */
    static void allocate(KeyState s, int capacity, int features) {
        s.ringFeatures = new float[features > 0 ? capacity * features : 0];
        s.ringTokens = new int[features > 0 ? 0 : capacity];
        s.ringHead = 0;
        s.ringCount = 0;
    }

    /** Changes the capacity, keeping the newest entries in order. Modified: s. */
    static void resize(KeyState s, int capacity, int features) {
        int oldCap = capacity(s, features);
        if (oldCap == capacity && ringShapeOk(s, features)) {
            return;
        }
        float[] oldF = s.ringFeatures;
        int[] oldT = s.ringTokens;
        int keep = Math.min(Math.min(s.ringCount, oldCap), capacity);
        int start = oldCap == 0 ? 0 : Math.floorMod(s.ringHead - keep, oldCap);
        allocate(s, capacity, features);
        for (int i = 0; i < keep; i++) {
            int from = (start + i) % oldCap;
            if (features > 0) {
                System.arraycopy(oldF, from * features, s.ringFeatures, i * features, features);
            } else {
                s.ringTokens[i] = oldT[from];
            }
        }
        s.ringCount = keep;
        s.ringHead = capacity == 0 ? 0 : keep % capacity;
    }

    private static boolean ringShapeOk(KeyState s, int features) {
        return features > 0 ? s.ringTokens.length == 0 : s.ringFeatures.length == 0;
    }

    /** Appends one input, overwriting the oldest when full. Modified: s. Not modified: x. */
    static void push(KeyState s, float[] x, int token, int features) {
        int cap = capacity(s, features);
        if (cap == 0) {
            return;
        }
        if (features > 0) {
            System.arraycopy(x, 0, s.ringFeatures, s.ringHead * features, features);
        } else {
            s.ringTokens[s.ringHead] = token;
        }
        s.ringHead = (s.ringHead + 1) % cap;
        s.ringCount = Math.min(s.ringCount + 1, cap);
    }
}
