package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.DeadLetter;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dead-letter sink ({@code dead.letter.delivery: at-least-once}): a dead letter the
 * broker refuses is counted ({@value #SEND_FAILURES_METRIC}), logged and dropped, never a job
 * failure. See {@link DeadLetterWriter}.
 */
public final class DeadLetterKafkaSink implements Sink<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterKafkaSink.class);

    public static final String SEND_FAILURES_METRIC = "deadLetterSendFailures";

    /** At most one log line a minute about refused dead letters, per writer. */
    private static final long LOG_INTERVAL_MS = 60_000;

    private final Properties producerConfig;
    private final DeadLetterSerializer records;

    DeadLetterKafkaSink(Properties producerConfig, DeadLetterSerializer records) {
        this.producerConfig = producerConfig;
        this.records = records;
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        SinkWriterMetricGroup metrics = context.metricGroup();
        return new DeadLetterWriter(
                new KafkaProducer<>(
                        producerConfig, new ByteArraySerializer(), new ByteArraySerializer()),
                records,
                metrics.counter(DeadLetterSerializer.FAILURES_METRIC),
                metrics.counter(SEND_FAILURES_METRIC, new ThreadSafeSimpleCounter()),
                new SendFailureLog(LOG::warn, System::currentTimeMillis, LOG_INTERVAL_MS));
    }
}
