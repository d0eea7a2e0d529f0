package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.DeadLetter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters with a plain (non-transactional) producer. A record the producer gives up on
 * (after its own retries) is counted, logged and dropped; {@link #flush} waits for every send, so a
 * checkpoint covers only dead letters the broker acknowledged or refused: at-least-once.
 */
final class DeadLetterWriter implements CommittingSinkWriter<DeadLetter, KafkaCommittable> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

    private final Producer<byte[], byte[]> producer;
    private final DeadLetterSerializer records;
    private final Counter writeFailures;
    private final Counter sendFailures;
    private final SendFailureLog failureLog;
    private final Duration flushWait;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closing;

    /** {@code sendFailures} must be thread-safe: producer callbacks increment it. */
    DeadLetterWriter(
            Producer<byte[], byte[]> producer,
            DeadLetterSerializer records,
            Counter writeFailures,
            Counter sendFailures,
            SendFailureLog failureLog,
            Duration flushWait) {
        this.producer = producer;
        this.flushWait = flushWait;
        this.records = records;
        this.writeFailures = writeFailures;
        this.sendFailures = sendFailures;
        this.failureLog = failureLog;
    }

    @Override
    public void write(DeadLetter d, Context context) {
        ProducerRecord<byte[], byte[]> r;
        try {
            r = records.record(d);
        } catch (RuntimeException e) {
            writeFailures.inc();
            LOG.warn("Dropped a dead letter that cannot be written: {}", d, e);
            return;
        }
        String origin = origin(d);
        inFlight.incrementAndGet();
        try {
            // Refusals (ApiException: too large, not authorised, timed out) reach the callback;
            // what send throws means the producer itself is broken, and a restart is right.
            producer.send(r, (meta, e) -> completed(origin, e));
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    private void completed(String origin, Exception e) {
        if (e != null && !closing) {
            sendFailures.inc();
            failureLog.dropped(origin, e);
        }
        inFlight.decrementAndGet();
    }

    /** Returns once every dead letter sent so far was acknowledged or counted as refused. */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        long deadline = System.nanoTime() + flushWait.toNanos();
        producer.flush();
        // A batch the broker refuses as too large is split and resent after its own future has
        // completed, so one flush can return with the halves in flight: flush until every
        // callback has run, for at most the producer's delivery timeout.
        while (inFlight.get() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
            producer.flush();
        }
        long left = inFlight.get();
        if (left != 0) {
            throw new IllegalStateException(
                    left + " dead letters still in flight after the producer's flush");
        }
    }

    /** Nothing to commit: sends are not transactional (see {@link DeadLetterKafkaSink}). */
    @Override
    public Collection<KafkaCommittable> prepareCommit() {
        return List.of();
    }

    /** Dead letters sent but not yet acknowledged or refused. */
    long inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        // Unflushed sends belong to no completed checkpoint and are replayed after a restore, so
        // closing (on cancel or failover) need not wait for them, nor count them as refused.
        closing = true;
        try {
            producer.close(Duration.ZERO);
        } finally {
            failureLog.close();
        }
    }

    /** What the log says of a refused dead letter: its reason, source record and key. */
    static String origin(DeadLetter d) {
        String key = d.key == null ? "none" : cut(d.key, 100);
        return d.reason + " of " + d.topic + "/" + d.partition + "@" + d.offset + ", key " + key;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
