package io.keyedrnn.jobs.eval;

/** JSON-lines events in the format of DESIGN.md, for the retraining job's {@code --events}. */
public final class EventLines {
    /** Start of the synthetic event times: file order becomes time order, one minute apart. */
    private static final long BASE_MS = 1_400_000_000_000L;

    private EventLines() {}

    /** Event time of the i-th event of a key: keeps the data's row order, whatever its clock. */
    public static long ts(int i) {
        return BASE_MS + 60_000L * i;
    }

    /** {@code {"key": k, "ts": t, "features": [..]}}; keys here are plain ASCII names. */
    public static String numeric(String key, long ts, float[] features) {
        StringBuilder sb = new StringBuilder(32 + 12 * features.length);
        sb.append("{\"key\":\"").append(key).append("\",\"ts\":").append(ts);
        sb.append(",\"features\":[");
        for (int j = 0; j < features.length; j++) {
            if (!Float.isFinite(features[j])) {
                throw new IllegalArgumentException(
                        "key " + key + " at " + ts + ": feature " + j + " is " + features[j]);
            }
            sb.append(j > 0 ? "," : "").append(features[j]);
        }
        return sb.append("]}").toString();
    }

    /** {@code {"key": k, "ts": t, "token": "x"}}. */
    public static String token(String key, long ts, String token) {
        return "{\"key\":\"" + key + "\",\"ts\":" + ts + ",\"token\":\"" + token + "\"}";
    }
}
