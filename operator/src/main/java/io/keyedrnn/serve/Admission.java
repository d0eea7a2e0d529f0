package io.keyedrnn.serve;

/** Decides whether a {@link ModelServable} takes an event: input fits the model, not too late. */
final class Admission {
    private final Vocabulary vocabulary;
    private final int features;
    private final long allowedLatenessMs;
    private final boolean needsTimestamp;

    /**
     * vocabulary is null for a numeric model, which takes exactly features values; needsTimestamp
     * when the model derives calendar inputs from the event time.
     */
    Admission(Vocabulary vocabulary, int features, long allowedLatenessMs, boolean needsTimestamp) {
        this.vocabulary = vocabulary;
        this.features = features;
        this.allowedLatenessMs = allowedLatenessMs;
        this.needsTimestamp = needsTimestamp;
    }

    /** The reason to refuse the event for this key's state, or null to take it. */
    RejectReason check(Event e, KeyState s) {
        if (e.getKey() == null || e.getKey().isEmpty()) {
            return RejectReason.MISSING_KEY;
        }
        RejectReason input = vocabulary != null ? checkToken(e) : checkFeatures(e);
        if (input != null) {
            return input;
        }
        if (needsTimestamp && !e.hasTimestamp()) {
            return RejectReason.MISSING_TIMESTAMP;
        }
        return isLate(e, s) ? RejectReason.LATE_EVENT : null;
    }

    private RejectReason checkToken(Event e) {
        if (e.getToken() == null) {
            return RejectReason.MISSING_TOKEN;
        }
        return vocabulary.id(e.getToken()) < 0 ? RejectReason.UNKNOWN_TOKEN : null;
    }

    private RejectReason checkFeatures(Event e) {
        float[] x = e.getFeatures();
        if (x == null) {
            return RejectReason.MISSING_FEATURES;
        }
        if (x.length != features) {
            return RejectReason.WRONG_FEATURE_COUNT;
        }
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return RejectReason.NON_FINITE_FEATURE;
            }
        }
        return null;
    }

    /** Older than the key's latest event by more than the allowed lateness (overflow = late). */
    boolean isLate(Event e, KeyState s) {
        if (allowedLatenessMs == Long.MAX_VALUE
                || !e.hasTimestamp()
                || s.lastTimestamp == Event.NO_TIMESTAMP) {
            return false;
        }
        long diff = s.lastTimestamp - e.getTimestamp();
        boolean overflow = ((s.lastTimestamp ^ e.getTimestamp()) & (s.lastTimestamp ^ diff)) < 0;
        return overflow || diff > allowedLatenessMs;
    }
}
