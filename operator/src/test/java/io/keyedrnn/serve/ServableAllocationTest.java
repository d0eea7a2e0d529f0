package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-event path allocates nothing once a key's state exists (counted, not timed). */
class ServableAllocationTest {
    private static final int EVENTS = 10_000;

    private static long allocatedBy(Runnable r) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 5; i++) {
            r.run(); // warm-up: class loading, JIT compilation
        }
        long before = mx.getThreadAllocatedBytes(tid);
        r.run();
        return mx.getThreadAllocatedBytes(tid) - before;
    }

    @Test
    void numericProcessDoesNotAllocate() {
        Model model = ServeFixtures.numeric(CellKind.LSTM, 8, 2, 1, 1);
        ModelServable servable =
                new ModelServable(model, ScoringConfig.DEFAULTS.withLikelihood(10, 100));
        KeyState s = servable.newState();
        float[][] xs = ServeFixtures.features(64, 1);
        Event[] events = new Event[xs.length];
        for (int i = 0; i < xs.length; i++) {
            events[i] = Event.numeric("k", i, xs[i]);
        }
        long bytes =
                allocatedBy(
                        () -> {
                            for (int i = 0; i < EVENTS; i++) {
                                servable.process(events[i % events.length], s);
                            }
                        });
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in " + EVENTS + " events");
    }

    @Test
    void categoricalProcessDoesNotAllocate() {
        List<String> vocab = List.of("a", "b", "c", "d");
        ModelServable servable =
                new ModelServable(ServeFixtures.categorical(vocab, 2, 1), ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        Event[] events = new Event[vocab.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = Event.categorical("k", i, vocab.get(i));
        }
        long bytes =
                allocatedBy(
                        () -> {
                            for (int i = 0; i < EVENTS; i++) {
                                servable.process(events[i % events.length], s);
                            }
                        });
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in " + EVENTS + " events");
    }
}
