package io.keyedrnn.serve;

/**
 * Messages for events the model refuses, naming the field and the numbers at fault: one text for
 * the scoring job's dead letters and for {@code replay}.
 */
public final class RejectMessages {
    private RejectMessages() {}

    /**
     * Why the model refuses event e of a key in state s (the key's latest state, or a fresh one).
     */
    public static String describe(RejectReason why, Event e, KeyState s, ModelServable sv) {
        long version = sv.model().version();
        return switch (why) {
            case WRONG_FEATURE_COUNT ->
                    "the event has "
                            + e.getFeatures().length
                            + " features, model version "
                            + version
                            + " takes "
                            + sv.model().eventFeatures();
            case NON_FINITE_FEATURE -> nonFinite(e, sv);
            case MISSING_FEATURES ->
                    "model version " + version + " needs features, the event has none";
            case MISSING_TIMESTAMP ->
                    "model version "
                            + version
                            + " derives calendar inputs "
                            + sv.model().metadata().calendar()
                            + " from the event time, the event has none";
            case MISSING_TOKEN -> "model version " + version + " needs a token, the event has none";
            case UNKNOWN_TOKEN ->
                    "token '"
                            + e.getToken()
                            + "' is not in model version "
                            + version
                            + "'s vocabulary";
            case LATE_EVENT ->
                    "event time "
                            + e.getTimestamp()
                            + " is "
                            + (s.lastTimestamp - e.getTimestamp())
                            + " ms before the key's latest "
                            + s.lastTimestamp
                            + ", more than the allowed lateness";
            default -> why.id();
        };
    }

    private static String nonFinite(Event e, ModelServable sv) {
        int i = sv.overflowingFeature(e);
        if (i < 0) {
            return "a feature is NaN or infinite";
        }
        if (i >= e.getFeatures().length) {
            return "calendar input "
                    + (i - e.getFeatures().length)
                    + " is not finite after model version "
                    + sv.model().version()
                    + "'s normaliser";
        }
        return "feature "
                + i
                + " ("
                + e.getFeatures()[i]
                + ") is not finite after model version "
                + sv.model().version()
                + "'s normaliser";
    }
}
