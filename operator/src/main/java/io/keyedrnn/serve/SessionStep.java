package io.keyedrnn.serve;

import java.util.function.Consumer;

/**
 * One key's event with session ends, shared by the Flink job, replay and the evaluations: a gap
 * that passed before the event ends the open session first, the event is stepped, and an event
 * whose end field is true ends the session after it. Each end is scored as {@link Vocabulary#END}
 * ({@link ModelServable#processEnd}) and then the state is cleared or kept ({@link SessionConfig}).
 * Pure, no Flink; what keeps the pending end (a Flink timer, replay's map) is the caller's.
 */
public final class SessionStep {
    /** Pending end meaning "the key has no open session with an event-time end". */
    public static final long NO_END = Long.MIN_VALUE;

    private final ModelServable servable;
    private final SessionConfig config;

    public SessionStep(ModelServable servable, SessionConfig config) {
        this.servable = servable;
        this.config = config;
    }

    public ModelServable servable() {
        return servable;
    }

    public SessionConfig config() {
        return config;
    }

    /**
     * Why the event would be refused (see {@link ModelServable#check}); end markers without a value
     * are never refused.
     */
    public RejectReason check(Event e, KeyState s) {
        return e.hasValue() ? servable.check(e, s) : null;
    }

    /**
     * Applies an event that {@link #check} accepted to the key's state s (a fresh one for a new
     * key), given its pending event-time end ({@link #NO_END}: none). Predictions go to out in
     * order (each valid only during the call). Returns the key's state afterwards, or null when its
     * session ended and the state is cleared. Modified: s.
     */
    public KeyState apply(Event e, KeyState s, long pendingEnd, Consumer<Prediction> out) {
        return apply(e, s, pendingEnd, out, SessionStep::refuseNonFinite);
    }

    /**
     * As {@link #apply(Event, KeyState, long, Consumer)}, but a step that would leave a non-finite
     * number goes to nonFinite with its reason ({@link ModelServable#lastFailure}) instead of out,
     * and the key keeps its state from before that step. Modified: s.
     */
    public KeyState apply(
            Event e,
            KeyState s,
            long pendingEnd,
            Consumer<Prediction> out,
            Consumer<String> nonFinite) {
        Output to = output(out, nonFinite);
        if (config.endsBefore(pendingEnd, e)) {
            s = end(e.getKey(), pendingEnd, s, to);
            if (s == null) {
                s = servable.newState();
            }
        }
        if (e.hasValue()) {
            emit(servable.process(e, s), to);
        }
        return e.isEnd() ? end(e.getKey(), e.getTimestamp(), s, to) : s;
    }

    /**
     * Refuses or begins the event in one pass ({@link ModelServable#begin}): returns why it is
     * refused, leaving s untouched, or null; then {@link #finish} applies it. Same refusals as
     * {@link #check}. An event that a pending end precedes is only checked here: its step begins
     * after the end, in {@link #finish}. Modified: s (adopted and scored when taken).
     */
    public RejectReason begin(Event e, KeyState s, long pendingEnd) {
        if (!e.hasValue()) {
            return null;
        }
        return config.endsBefore(pendingEnd, e) ? servable.check(e, s) : servable.begin(e, s);
    }

    /**
     * Applies the event {@link #begin} took, with the same s and pendingEnd, as {@link #apply}
     * does; predictions and non-finite steps go to out. Returns the key's state afterwards, or null
     * when its session ended and the state is cleared. Modified: s.
     */
    public KeyState finish(Event e, KeyState s, long pendingEnd, Output out) {
        if (config.endsBefore(pendingEnd, e)) {
            s = end(e.getKey(), pendingEnd, s, out);
            if (s == null) {
                s = servable.newState();
            }
            if (e.hasValue()) {
                // The end left the event's refusals as they were (no lateness after a gap).
                emit(servable.process(e, s), out);
            }
        } else if (e.hasValue()) {
            emit(servable.step(), out);
        }
        return e.isEnd() ? end(e.getKey(), e.getTimestamp(), s, out) : s;
    }

    /** Where {@link #finish} sends a step's outcome: one reusable object, no lambda per event. */
    public interface Output {
        /** A prediction, valid only during the call. */
        void prediction(Prediction p);

        /** A step undone for a non-finite number, in {@link ModelServable#lastFailure}'s words. */
        void nonFinite(String why);
    }

    private KeyState end(String key, long timestamp, KeyState s, Output out) {
        emit(servable.processEnd(key, timestamp, s), out);
        return config.clearState() ? null : s;
    }

    private void emit(Prediction p, Output out) {
        if (p == null) {
            out.nonFinite(servable.lastFailure());
        } else {
            out.prediction(p);
        }
    }

    /**
     * Ends the key's session at the given time: emits its end prediction and returns the state to
     * keep, or null when it is cleared. Modified: s.
     */
    public KeyState end(String key, long timestamp, KeyState s, Consumer<Prediction> out) {
        return end(key, timestamp, s, out, SessionStep::refuseNonFinite);
    }

    /** As {@link #end(String, long, KeyState, Consumer)}, non-finite steps to nonFinite. */
    public KeyState end(
            String key,
            long timestamp,
            KeyState s,
            Consumer<Prediction> out,
            Consumer<String> nonFinite) {
        return end(key, timestamp, s, output(out, nonFinite));
    }

    /** The two consumers as one {@link Output}. */
    private static Output output(Consumer<Prediction> out, Consumer<String> nonFinite) {
        return new Output() {
            @Override
            public void prediction(Prediction p) {
                out.accept(p);
            }

            @Override
            public void nonFinite(String why) {
                nonFinite.accept(why);
            }
        };
    }

    /** Callers without a dead-letter output (the evaluations) stop on a non-finite step. */
    private static void refuseNonFinite(String why) {
        throw new IllegalStateException(RejectReason.NON_FINITE_STATE.id() + ": " + why);
    }

    /**
     * The event-time end of the key's session after {@link #apply} returned state s for event e:
     * its latest event time plus the gap, or {@link #NO_END} when the session is closed, there is
     * no event-time gap, or no event time.
     */
    public long pendingEnd(Event e, KeyState s) {
        if (s == null || e.isEnd() || !config.eventTimeGap()) {
            return NO_END;
        }
        long end = config.eventTimeEnd(s.lastTimestamp);
        return end == Long.MAX_VALUE ? NO_END : end;
    }
}
