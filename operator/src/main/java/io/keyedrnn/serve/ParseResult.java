package io.keyedrnn.serve;

import java.util.Objects;

/** The outcome of parsing one record: an {@link Event} or a rejection with reason and message. */
public final class ParseResult {
    private final Event event;
    private final RejectReason reason;
    private final String message;
    private final String key;

    private ParseResult(Event event, RejectReason reason, String message, String key) {
        this.event = event;
        this.reason = reason;
        this.message = message;
        this.key = key;
    }

    public static ParseResult ok(Event event) {
        return new ParseResult(Objects.requireNonNull(event), null, null, event.getKey());
    }

    public static ParseResult rejected(RejectReason reason, String message) {
        return new ParseResult(null, Objects.requireNonNull(reason), message, null);
    }

    /** This rejection with the event key it had when the key was read before the fault. */
    ParseResult withKey(String eventKey) {
        return new ParseResult(event, reason, message, eventKey);
    }

    public boolean isOk() {
        return event != null;
    }

    /** The event; null when rejected. */
    public Event event() {
        return event;
    }

    /** The rejection reason; null when ok. */
    public RejectReason reason() {
        return reason;
    }

    /** The event key; for a rejection, the key if it was read before the fault, else null. */
    public String key() {
        return key;
    }

    /** A human message naming the field (and index) at fault; null when ok. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return isOk() ? "ok " + event : reason + ": " + message;
    }
}
