package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.SessionConfig;
import io.keyedrnn.serve.SessionStep;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.junit.jupiter.api.Test;

/**
 * State traffic of the session timers when sessions are off (the default): on RocksDB every read is
 * a native get and every clear a tombstone write, on every event.
 */
class SessionTimersTest {

    @Test
    void withoutSessionsAnEventReadsOnceAndWritesNothing() throws Exception {
        CountingState pending = new CountingState();
        SessionTimers timers = new SessionTimers(SessionConfig.DEFAULTS, pending);
        Event e = Event.numeric("k", 1000, new float[] {1f});
        assertEquals(SessionStep.NO_END, timers.pendingEventEnd());
        timers.afterEvent(e, null, null, null);
        assertEquals(1, pending.reads, "reads");
        assertEquals(0, pending.writes, "updates and clears");
    }

    @Test
    void withoutSessionsATimeRestoredFromASessionJobIsStillRemoved() throws Exception {
        CountingState pending = new CountingState();
        pending.value = 5_000L;
        CountingTimers service = new CountingTimers();
        new SessionTimers(SessionConfig.DEFAULTS, pending)
                .afterEvent(Event.numeric("k", 1000, new float[] {1f}), null, null, service);
        assertNull(pending.value);
        assertEquals(1, service.deleted);
    }

    /** Counts timer deletions; nothing else is expected of it here. */
    private static final class CountingTimers implements TimerService {
        int deleted;

        @Override
        public long currentProcessingTime() {
            return 0;
        }

        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public void registerProcessingTimeTimer(long t) {
            throw new AssertionError("no timer expected");
        }

        @Override
        public void registerEventTimeTimer(long t) {
            throw new AssertionError("no timer expected");
        }

        @Override
        public void deleteProcessingTimeTimer(long t) {
            deleted++;
        }

        @Override
        public void deleteEventTimeTimer(long t) {
            deleted++;
        }
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
