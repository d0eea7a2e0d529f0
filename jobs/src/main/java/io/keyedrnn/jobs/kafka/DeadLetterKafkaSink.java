package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.DeadLetter;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dead-letter sink ({@code dead.letter.delivery: at-least-once}): a dead letter the
 * broker refuses is counted ({@value #SEND_FAILURES_METRIC}), logged and dropped, never a job
 * failure. See {@link DeadLetterWriter}.
 *
 * <p>Its committer is the transactional sink's (its writer hands it nothing): the job graph stays
 * the same for either setting, so a checkpoint taken with {@code exactly-once} (every one before
 * this setting existed) restores here and its last dead-letter transactions are still committed.
 */
public final class DeadLetterKafkaSink
        implements Sink<DeadLetter>, SupportsCommitter<KafkaCommittable> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterKafkaSink.class);

    public static final String SEND_FAILURES_METRIC = "deadLetterSendFailures";

    /** At most one log line a minute about refused dead letters, per writer. */
    private static final long LOG_INTERVAL_MS = 60_000;

    /** The producer's own default delivery.timeout.ms. */
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    private final Properties producerConfig;
    private final DeadLetterSerializer records;
    private final KafkaSink<DeadLetter> transactional;

    DeadLetterKafkaSink(
            Properties producerConfig,
            DeadLetterSerializer records,
            KafkaSink<DeadLetter> transactional) {
        this.producerConfig = producerConfig;
        this.records = records;
        this.transactional = transactional;
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
        return transactional.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return transactional.getCommittableSerializer();
    }

    @Override
    public DeadLetterWriter createWriter(WriterInitContext context) {
        SinkWriterMetricGroup metrics = context.metricGroup();
        return new DeadLetterWriter(
                new KafkaProducer<>(
                        producerConfig, new ByteArraySerializer(), new ByteArraySerializer()),
                records,
                metrics.counter(DeadLetterSerializer.FAILURES_METRIC),
                metrics.counter(SEND_FAILURES_METRIC, new ThreadSafeSimpleCounter()),
                new SendFailureLog(LOG::warn, System::currentTimeMillis, LOG_INTERVAL_MS),
                deliveryTimeout(producerConfig));
    }

    /** How long a send may take before the producer gives up on it: its delivery.timeout.ms. */
    static Duration deliveryTimeout(Properties producerConfig) {
        Object v = producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long ms = v == null ? DEFAULT_DELIVERY_TIMEOUT_MS : Long.parseLong(v.toString().trim());
        return Duration.ofMillis(ms);
    }
}
