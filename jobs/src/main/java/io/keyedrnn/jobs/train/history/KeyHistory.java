package io.keyedrnn.jobs.train.history;

/**
 * One key's events in time order: numeric rows or tokens (exactly one is non-null).
 *
 * @param ts event times in epoch ms ({@link ParsedEvent#NO_TIMESTAMP} for none)
 */
public record KeyHistory(String key, long[] ts, float[][] rows, String[] tokens) {
    public int length() {
        return ts.length;
    }

    public boolean isNumeric() {
        return rows != null;
    }
}
