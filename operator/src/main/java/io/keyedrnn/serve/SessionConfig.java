package io.keyedrnn.serve;

import io.keyedrnn.settings.Settings;
import java.io.Serializable;

/**
 * When a key's session ends and what follows, typed and serialisable; the settings are declared in
 * {@link ScoringSettings} ({@code session.*}) and {@link EventFieldSettings#END}.
 *
 * <p>A session ends after {@code gapMs} without an event of the key (in event time: the key's
 * latest event time plus the gap passed by the watermark, or an event later than that; in
 * processing time: a wall-clock timer), or after an event whose end field is true. The end is
 * scored as the token {@link Vocabulary#END} and emitted as a prediction with {@code "end": true};
 * then the key's state is cleared or kept.
 *
 * @param gapMs inactivity that ends a session; 0 (default) ends sessions only by the end field
 * @param time whether the gap is measured in event time (default) or processing time
 * @param clearState whether a key's state is cleared after its session end (default) or kept
 */
public record SessionConfig(long gapMs, SessionTime time, boolean clearState)
        implements Serializable {

    /** No gap, event time, clear. */
    public static final SessionConfig DEFAULTS = new SessionConfig(0, SessionTime.EVENT, true);

    public SessionConfig {
        if (gapMs < 0) {
            throw new IllegalArgumentException("session.gap.ms must be at least 0, got " + gapMs);
        }
        if (time == null) {
            throw new IllegalArgumentException("session.time must be set");
        }
    }

    /** The session settings among the given ones, at their defaults where not given. */
    public static SessionConfig from(Settings s) {
        return new SessionConfig(
                s.get(ScoringSettings.SESSION_GAP_MS),
                s.get(ScoringSettings.SESSION_TIME),
                "clear".equals(s.get(ScoringSettings.SESSION_END_STATE)));
    }

    /** Whether sessions end by inactivity. */
    public boolean hasGap() {
        return gapMs > 0;
    }

    /** Whether sessions end by an inactivity gap in event time. */
    public boolean eventTimeGap() {
        return hasGap() && time == SessionTime.EVENT;
    }

    /**
     * The event time at which the key's open session ends if no event comes, given its latest event
     * time; Long.MAX_VALUE when it has none (no event-time end) or the sum overflows.
     */
    public long eventTimeEnd(long latestTimestamp) {
        if (latestTimestamp == Event.NO_TIMESTAMP || latestTimestamp > Long.MAX_VALUE - gapMs) {
            return Long.MAX_VALUE;
        }
        return latestTimestamp + gapMs;
    }

    /**
     * Whether the event comes after its key's pending event-time end (so the session ended before
     * it), given that end (Long.MIN_VALUE: no open session).
     */
    public boolean endsBefore(long pendingEnd, Event e) {
        return eventTimeGap()
                && pendingEnd != Long.MIN_VALUE
                && e.hasTimestamp()
                && e.getTimestamp() > pendingEnd;
    }

    /** How the inactivity gap is measured. */
    public enum SessionTime {
        EVENT,
        PROCESSING;

        /** event or processing (case-insensitive). */
        public static SessionTime fromId(String id) {
            for (SessionTime t : values()) {
                if (t.name().equalsIgnoreCase(id.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException(
                    "unknown session time '" + id + "' (expected event or processing)");
        }
    }
}
