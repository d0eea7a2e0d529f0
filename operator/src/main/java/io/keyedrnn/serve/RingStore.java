package io.keyedrnn.serve;

/**
 * Where the entries of one key's input ring live when not in its {@link KeyState}'s own arrays (the
 * Flink job keeps them in keyed state of their own, so an event writes one entry and reads none).
 * Slots are the ring's; the key state keeps capacity, head and count.
 */
public interface RingStore {
    /** What {@link #token} returns for a slot that holds no entry. */
    int NO_TOKEN = Integer.MIN_VALUE;

    /** Stores the raw features of the entry in slot. Not modified: x. */
    void putFeatures(int slot, float[] x);

    /** Stores the token id of the entry in slot. */
    void putToken(int slot, int token);

    /**
     * The raw features of the entry in slot (the caller must not modify them), or null when the
     * slot holds none (never written, or expired by the state's time-to-live).
     */
    float[] features(int slot);

    /** The token id of the entry in slot, or {@link #NO_TOKEN}. */
    int token(int slot);

    /** Drops every entry. */
    void clear();
}
