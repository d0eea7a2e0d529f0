package io.keyedrnn.jobs.train;

/**
 * One key's events in time order: numeric rows or tokens (exactly one is non-null).
 *
 * @param ts event times in epoch ms ({@link ParsedEvent#NO_TIMESTAMP} for none)
 */
record KeyHistory(String key, long[] ts, float[][] rows, String[] tokens) {
    int length() {
        return ts.length;
    }

    boolean isNumeric() {
        return rows != null;
    }
}
