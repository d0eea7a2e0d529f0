package io.keyedrnn.flink;

import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.SessionStep;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * The pending inactivity end of each key's session as one timer in Flink's keyed timer service (so
 * checkpoints keep it), with its time in keyed state {@value #STATE} so a newer event can move it
 * and a stale firing is ignored.
 */
final class SessionTimers {
    /** Name of the per-key state holding the registered timer's time. */
    static final String STATE = "session-end";

    private final SessionConfig config;
    private final ValueState<Long> pending;

    SessionTimers(SessionConfig config, RuntimeContext ctx) {
        this(config, ctx.getState(new ValueStateDescriptor<>(STATE, Types.LONG)));
    }

    SessionTimers(SessionConfig config, ValueState<Long> pending) {
        this.config = config;
        this.pending = pending;
    }

    /** The key's pending event-time end, or {@link SessionStep#NO_END}. */
    long pendingEventEnd() throws Exception {
        if (!config.eventTimeGap()) {
            return SessionStep.NO_END; // no read: on RocksDB each is a native get
        }
        Long t = pending.value();
        return t == null ? SessionStep.NO_END : t;
    }

    /**
     * Moves the key's timer after an event: to the end its session now has (state s, null when
     * cleared), or none when the session is closed. Event time: the key's latest event time plus
     * the gap; processing time: now plus the gap.
     */
    void afterEvent(Event e, KeyState s, SessionStep step, TimerService timers) throws Exception {
        if (!config.hasGap()) {
            return; // no read: a timer restored from a job with sessions is dropped when it fires
        }
        long next = SessionStep.NO_END;
        if (config.eventTimeGap()) {
            next = step.pendingEnd(e, s);
        } else if (config.hasGap() && s != null && !e.isEnd()) {
            next = timers.currentProcessingTime() + config.gapMs();
        }
        Long old = pending.value();
        // Nothing pending and nothing to set is the usual case; clearing then would write a
        // RocksDB tombstone.
        if (old == null ? next == SessionStep.NO_END : old == next) {
            return;
        }
        if (old != null) {
            delete(old, timers);
        }
        if (next == SessionStep.NO_END) {
            pending.clear();
        } else {
            register(next, timers);
            pending.update(next);
        }
    }

    /**
     * Whether a timer firing at this time is the key's current one (older ones were moved). A timer
     * restored from a job that had sessions, firing in one without them, is not: its pending time
     * is dropped and nothing is scored.
     */
    boolean fired(long timestamp) throws Exception {
        Long t = pending.value();
        if (t == null || t != timestamp) {
            return false;
        }
        pending.clear();
        return config.hasGap();
    }

    private void register(long t, TimerService timers) {
        if (config.eventTimeGap()) {
            timers.registerEventTimeTimer(t);
        } else {
            timers.registerProcessingTimeTimer(t);
        }
    }

    private void delete(long t, TimerService timers) {
        if (config.eventTimeGap()) {
            timers.deleteEventTimeTimer(t);
        } else {
            timers.deleteProcessingTimeTimer(t);
        }
    }
}
