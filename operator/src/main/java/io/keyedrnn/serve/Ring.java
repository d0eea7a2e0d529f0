package io.keyedrnn.serve;

/**
 * The ring of a key's recent raw inputs: rows of {@code features} floats for a numeric model
 * (features &gt; 0), token ids for a categorical one (features = 0). Capacity, head and count live
 * in {@link KeyState}; the entries in its own arrays, or in the {@link RingStore} attached to it
 * ({@link #attach}).
 */
public final class Ring {
    private Ring() {}

    /**
     * Keeps the key's ring entries in store from now on: entries still in the state's own arrays (a
     * new key, a state restored from format 1 or 2) move there. Modified: s.
     */
    public static void attach(KeyState s, RingStore store) {
        s.ringStore = store;
        if (s.ringCapacity != KeyState.RING_CAPACITY_UNKNOWN) {
            moveInline(s);
        }
    }

    /**
     * Number of entries the ring can hold. A state restored from format 1 or 2 learns it from its
     * arrays here (and moves them to its store, if it has one). Modified: s.
     */
    static int capacity(KeyState s, int features) {
        if (s.ringCapacity == KeyState.RING_CAPACITY_UNKNOWN) {
            boolean shapeOk = features > 0 ? s.ringTokens.length == 0 : s.ringFeatures.length == 0;
            s.ringCapacity =
                    !shapeOk
                            ? 0
                            : features > 0 ? s.ringFeatures.length / features : s.ringTokens.length;
            if (!shapeOk) {
                s.ringCount = 0;
                s.ringHead = 0;
            }
            moveInline(s);
        }
        return s.ringCapacity;
    }

    /** Replaces the ring by an empty one of the given capacity. Modified: s (and its store). */
    static void allocate(KeyState s, int capacity, int features) {
        boolean inline = s.ringStore == null;
        s.ringFeatures = new float[inline && features > 0 ? capacity * features : 0];
        s.ringTokens = new int[inline && features == 0 ? capacity : 0];
        if (!inline && s.ringCount > 0) {
            s.ringStore.clear();
        }
        s.ringCapacity = capacity;
        s.ringHead = 0;
        s.ringCount = 0;
    }

    /** Changes the capacity, keeping the newest entries in order. Modified: s (and its store). */
    static void resize(KeyState s, int capacity, int features) {
        int oldCap = capacity(s, features);
        if (oldCap == capacity) {
            return;
        }
        int keep = Math.min(Math.min(s.ringCount, oldCap), capacity);
        int start = oldCap == 0 ? 0 : Math.floorMod(s.ringHead - keep, oldCap);
        float[][] rows = new float[features > 0 ? keep : 0][];
        int[] tokens = new int[features > 0 ? 0 : keep];
        int kept = 0;
        for (int i = 0; i < keep; i++) {
            int from = (start + i) % oldCap;
            if (features > 0) {
                float[] row = features(s, from, features);
                if (row != null) {
                    rows[kept++] = row.clone();
                }
            } else {
                int t = token(s, from);
                if (t != RingStore.NO_TOKEN) {
                    tokens[kept++] = t;
                }
            }
        }
        allocate(s, capacity, features);
        for (int i = 0; i < kept; i++) {
            push(s, features > 0 ? rows[i] : null, features > 0 ? 0 : tokens[i], features);
        }
    }

    /** Appends one input, overwriting the oldest when full. Modified: s. Not modified: x. */
    static void push(KeyState s, float[] x, int token, int features) {
        int cap = capacity(s, features);
        if (cap == 0) {
            return;
        }
        if (s.ringStore != null) {
            if (features > 0) {
                s.ringStore.putFeatures(s.ringHead, x);
            } else {
                s.ringStore.putToken(s.ringHead, token);
            }
        } else if (features > 0) {
            System.arraycopy(x, 0, s.ringFeatures, s.ringHead * features, features);
        } else {
            s.ringTokens[s.ringHead] = token;
        }
        s.ringHead = (s.ringHead + 1) % cap;
        s.ringCount = Math.min(s.ringCount + 1, cap);
    }

    /** The slot of the oldest entry. */
    static int oldest(KeyState s) {
        return Math.floorMod(s.ringHead - s.ringCount, Math.max(s.ringCapacity, 1));
    }

    /**
     * Copies the raw features of the entry in slot into out; false when the store holds none (it
     * expired). Modified: out.
     */
    static boolean copyFeatures(KeyState s, int slot, int features, float[] out) {
        if (s.ringStore == null) {
            System.arraycopy(s.ringFeatures, slot * features, out, 0, features);
            return true;
        }
        float[] row = s.ringStore.features(slot);
        if (row == null || row.length != features) {
            return false;
        }
        System.arraycopy(row, 0, out, 0, features);
        return true;
    }

    /** The token of the entry in slot, or {@link RingStore#NO_TOKEN}. */
    static int token(KeyState s, int slot) {
        return s.ringStore == null ? s.ringTokens[slot] : s.ringStore.token(slot);
    }

    private static float[] features(KeyState s, int slot, int features) {
        if (s.ringStore == null) {
            float[] row = new float[features];
            System.arraycopy(s.ringFeatures, slot * features, row, 0, features);
            return row;
        }
        float[] row = s.ringStore.features(slot);
        return row != null && row.length == features ? row : null;
    }

    /**
     * Whether the entries of s live outside its arrays: a known capacity above 0 with both arrays
     * empty (a state stored with its ring elsewhere, read without its store).
     */
    public static boolean heldOutside(KeyState s) {
        return s.ringCapacity > 0 && s.ringFeatures.length == 0 && s.ringTokens.length == 0;
    }

    /**
     * The reverse of {@link #attach}: the entries store holds for s go back into the state's own
     * arrays, oldest first and expired ones left out, and s no longer uses a store. With none left
     * the ring is empty and its capacity unknown (the servable sizes it). Modified: s.
     */
    public static void bringInline(KeyState s, RingStore store) {
        int cap = s.ringCapacity;
        int start = oldest(s);
        float[][] rows = new float[s.ringCount][];
        int[] tokens = new int[s.ringCount];
        int n = 0;
        for (int i = 0; i < s.ringCount; i++) {
            int slot = (start + i) % cap;
            float[] row = store.features(slot);
            int token = row == null ? store.token(slot) : RingStore.NO_TOKEN;
            if (row != null && (n == 0 || rows[0] != null && row.length == rows[0].length)) {
                rows[n++] = row;
            } else if (token != RingStore.NO_TOKEN && (n == 0 || rows[0] == null)) {
                tokens[n++] = token;
            }
        }
        s.ringStore = null;
        int width = n > 0 && rows[0] != null ? rows[0].length : 0;
        s.ringFeatures = new float[width > 0 ? cap * width : 0];
        s.ringTokens = new int[n > 0 && width == 0 ? cap : 0];
        for (int i = 0; i < n; i++) {
            if (width > 0) {
                System.arraycopy(rows[i], 0, s.ringFeatures, i * width, width);
            } else {
                s.ringTokens[i] = tokens[i];
            }
        }
        s.ringCount = n;
        s.ringHead = n % cap;
        s.ringCapacity = n > 0 ? cap : KeyState.RING_CAPACITY_UNKNOWN;
    }

    /** Writes the valid entries of the state's own arrays to its store, and empties the arrays. */
    private static void moveInline(KeyState s) {
        if (s.ringStore == null || (s.ringFeatures.length == 0 && s.ringTokens.length == 0)) {
            return;
        }
        int cap = s.ringCapacity;
        int width = s.ringTokens.length > 0 || cap == 0 ? 0 : s.ringFeatures.length / cap;
        int start = oldest(s);
        for (int i = 0; i < s.ringCount && cap > 0; i++) {
            int slot = (start + i) % cap;
            if (width > 0) {
                float[] row = new float[width];
                System.arraycopy(s.ringFeatures, slot * width, row, 0, width);
                s.ringStore.putFeatures(slot, row);
            } else {
                s.ringStore.putToken(slot, s.ringTokens[slot]);
            }
        }
        s.ringFeatures = new float[0];
        s.ringTokens = new int[0];
    }
}
