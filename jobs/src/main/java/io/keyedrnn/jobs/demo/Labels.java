package io.keyedrnn.jobs.demo;

import java.util.BitSet;

/**
 * Which (key, step) events were injected anomalies; written by the generator, read concurrently.
 */
final class Labels {
    private final BitSet[] anomalies;

    Labels(int keys) {
        anomalies = new BitSet[keys];
        for (int k = 0; k < keys; k++) {
            anomalies[k] = new BitSet();
        }
    }

    void mark(int key, int step) {
        synchronized (anomalies[key]) {
            anomalies[key].set(step);
        }
    }

    boolean isAnomaly(int key, int step) {
        synchronized (anomalies[key]) {
            return anomalies[key].get(step);
        }
    }

    /** The key index of a generated key name, or -1. */
    static int keyIndex(String key) {
        if (key == null || !key.startsWith("host-")) {
            return -1;
        }
        try {
            return Integer.parseInt(key.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
