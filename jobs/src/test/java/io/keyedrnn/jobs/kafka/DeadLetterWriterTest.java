package io.keyedrnn.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter writer's accounting: a refused send is counted and logged, never thrown; flush
 * returns only when no send is in flight; what fails while closing is not counted.
 */
class DeadLetterWriterTest {
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final Counter writeFailures = new SimpleCounter();
    private final Counter sendFailures = new ThreadSafeSimpleCounter();
    private final List<String> logged = new ArrayList<>();
    private final DeadLetterWriter writer = writer(producer);

    private DeadLetterWriter writer(MockProducer<byte[], byte[]> p) {
        return new DeadLetterWriter(
                p,
                new DeadLetterSerializer("dead", 900_000),
                writeFailures,
                sendFailures,
                new SendFailureLog(logged::add, () -> 0L, 60_000),
                Duration.ofMillis(200));
    }

    private static DeadLetter letter(long offset, String key) {
        return new DeadLetter(
                "invalid_json", "m", key, new RawRecord(new byte[10], "events", 1, offset, 0));
    }

    @Test
    void aRefusedSendIsCountedAndLoggedWithItsOriginNotThrown() throws Exception {
        writer.write(letter(7, "host-1"), null);
        writer.write(letter(8, "host-2"), null);
        writer.write(letter(9, null), null);
        assertEquals(3, writer.inFlight());
        assertTrue(producer.completeNext());
        assertTrue(producer.errorNext(new RecordTooLargeException("too large for the topic")));
        assertEquals(1, sendFailures.getCount());
        assertEquals(1, writer.inFlight());
        assertEquals(1, logged.size());
        String line = logged.get(0);
        assertTrue(line.contains("invalid_json of events/1@8, key host-2"), line);
        assertTrue(line.contains("RecordTooLargeException: too large for the topic"), line);
    }

    @Test
    void flushReturnsWithNothingInFlight() throws Exception {
        for (int i = 0; i < 5; i++) {
            writer.write(letter(i, "k"), null);
        }
        assertEquals(5, writer.inFlight());
        writer.flush(false);
        assertEquals(0, writer.inFlight());
        assertEquals(5, producer.history().size());
        assertEquals(0, sendFailures.getCount());
    }

    /**
     * A batch the broker refuses as too large is split and sent again after its own future has
     * completed, so one producer flush can return with the halves still in flight (seen under load
     * in DeadLetterRefusedITCase): the writer flushes again rather than failing the checkpoint.
     */
    @Test
    void aFlushThatReturnsBeforeSplitBatchesFinishIsRepeated() throws Exception {
        MockProducer<byte[], byte[]> splitting =
                new MockProducer<>(
                        false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    private int flushes;

                    @Override
                    public synchronized void flush() {
                        if (++flushes > 1) {
                            super.flush();
                        }
                    }
                };
        DeadLetterWriter w = writer(splitting);
        w.write(letter(1, "k"), null);
        w.write(letter(2, "k"), null);
        w.flush(false);
        assertEquals(0, w.inFlight());
        assertEquals(2, splitting.history().size());
    }

    @Test
    void aFlushThatLeavesSendsUnfinishedFailsTheCheckpoint() throws Exception {
        MockProducer<byte[], byte[]> stuck =
                new MockProducer<>(
                        false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized void flush() {}
                };
        DeadLetterWriter w = writer(stuck);
        w.write(letter(1, "k"), null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.flush(false));
        assertTrue(e.getMessage().contains("1 dead letters still in flight"), e.getMessage());
    }

    @Test
    void aLetterThatCannotBeSerialisedIsCountedAndNotSent() throws Exception {
        DeadLetter broken = letter(1, "k");
        broken.reason = null;
        writer.write(broken, null);
        writer.flush(false);
        assertEquals(1, writeFailures.getCount());
        assertEquals(0, sendFailures.getCount());
        assertEquals(0, producer.history().size());
    }

    @Test
    void sendsAbortedByCloseAreNotCountedAsRefused() throws Exception {
        writer.write(letter(1, "k"), null);
        writer.close();
        assertTrue(producer.closed());
        assertEquals(0, sendFailures.getCount());
        assertEquals(List.of(), logged);
    }
}
