package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.SessionStep;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

/**
 * Session timers when sessions are off (the default): no state traffic per event (on RocksDB every
 * read is a native get, every clear a tombstone write), and no end from a restored timer.
 */
class SessionTimersTest {

    @Test
    void withoutSessionsAnEventReadsAndWritesNothing() throws Exception {
        CountingState pending = new CountingState();
        SessionTimers timers = new SessionTimers(SessionConfig.DEFAULTS, pending);
        Event e = Event.numeric("k", 1000, new float[] {1f});
        assertEquals(SessionStep.NO_END, timers.pendingEventEnd());
        timers.afterEvent(e, null, null, null);
        assertEquals(0, pending.reads, "reads");
        assertEquals(0, pending.writes, "updates and clears");
    }

    @Test
    void withoutSessionsATimerRestoredFromASessionJobEndsNothingWhenItFires() throws Exception {
        CountingState pending = new CountingState();
        pending.value = 5_000L;
        SessionTimers timers = new SessionTimers(SessionConfig.DEFAULTS, pending);
        assertFalse(timers.fired(5_000L), "a restored timer is no session end");
        assertNull(pending.value);
    }

    /** A value state that counts its reads and writes. */
    private static final class CountingState implements ValueState<Long> {
        Long value;
        int reads;
        int writes;

        @Override
        public Long value() {
            reads++;
            return value;
        }

        @Override
        public void update(Long v) {
            writes++;
            value = v;
        }

        @Override
        public void clear() {
            writes++;
            value = null;
        }
    }
}
