package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.jobs.common.JobSettings;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources and sinks of the scoring job, from its settings. Sources pass raw bytes (parsing
 * happens in the job); sinks write with the configured delivery guarantee. Every {@code kafka.*}
 * setting (security: {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*})
 * reaches every client.
 */
public final class KafkaWiring {
    private KafkaWiring() {}

    /** Client settings shared by sources, sinks and the preflight check. */
    public static Properties clientProperties(ScoringKafkaSettings c) {
        Properties p = new Properties();
        p.putAll(c.kafkaClientSettings());
        p.put("bootstrap.servers", c.required(JobSettings.BOOTSTRAP_SERVERS));
        return p;
    }

    public static KafkaSource<RawRecord> eventsSource(ScoringKafkaSettings c) {
        OffsetsInitializer start =
                switch (c.startingOffsets()) {
                    case "earliest" -> OffsetsInitializer.earliest();
                    case "latest" -> OffsetsInitializer.latest();
                    default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                };
        return source(c, c.required(JobSettings.EVENTS_TOPIC), c.get(JobSettings.GROUP_ID), start);
    }

    /** The model topic is read from its start: the newest valid model wins. */
    public static KafkaSource<RawRecord> modelsSource(ScoringKafkaSettings c) {
        return source(
                c,
                c.required(JobSettings.MODELS_TOPIC),
                c.get(JobSettings.GROUP_ID) + "-models",
                OffsetsInitializer.earliest());
    }

    private static KafkaSource<RawRecord> source(
            ScoringKafkaSettings c, String topic, String group, OffsetsInitializer start) {
        Properties p = clientProperties(c);
        // Producers upstream may write transactionally; never read their aborted records.
        p.putIfAbsent("isolation.level", "read_committed");
        p.putIfAbsent("partition.discovery.interval.ms", "60000");
        return KafkaSource.<RawRecord>builder()
                .setProperties(p)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(start)
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }

    public static KafkaSink<Tuple2<String, byte[]>> predictionsSink(ScoringKafkaSettings c) {
        return sink(
                c,
                new PredictionSerializer(c.required(JobSettings.PREDICTIONS_TOPIC)),
                guarantee(c),
                "predictions");
    }

    /**
     * By default ({@code dead.letter.delivery: at-least-once}) a sink whose refused records are
     * counted and dropped; with {@code exactly-once} the transactional KafkaSink, where a refused
     * record fails the job.
     */
    public static Sink<DeadLetter> deadLetterSink(ScoringKafkaSettings c) {
        DeadLetterSerializer records =
                new DeadLetterSerializer(
                        c.required(JobSettings.DEAD_LETTER_TOPIC), deadLetterMaxBytes(c));
        KafkaSink<DeadLetter> transactional =
                sink(c, records, DeliveryGuarantee.EXACTLY_ONCE, "dead-letters");
        if (deadLettersExactlyOnce(c)) {
            return transactional;
        }
        return new DeadLetterKafkaSink(clientProperties(c), records, transactional);
    }

    /** Whether dead letters go through the transactional KafkaSink. */
    static boolean deadLettersExactlyOnce(ScoringKafkaSettings c) {
        return c.get(JobSettings.DEAD_LETTER_DELIVERY).equals("exactly-once");
    }

    /** Whether any sink writes in Kafka transactions (and so needs the broker's timeout check). */
    static boolean anyTransactions(ScoringKafkaSettings c) {
        return c.deliveryGuarantee().equals("exactly-once") || deadLettersExactlyOnce(c);
    }

    /** dead.letter.max.bytes, checked to stay below the producer's max.request.size. */
    static int deadLetterMaxBytes(ScoringKafkaSettings c) {
        long max = c.get(JobSettings.DEAD_LETTER_MAX_BYTES);
        long limit = c.producerMaxRequestSize();
        if (max > limit - DeadLetterSerializer.RECORD_OVERHEAD || max > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "dead.letter.max.bytes "
                            + max
                            + " leaves no room below the producer's max.request.size "
                            + limit
                            + " (kafka.max.request.size); lower it or raise the other");
        }
        return (int) max;
    }

    private static <T> KafkaSink<T> sink(
            ScoringKafkaSettings c,
            KafkaRecordSerializationSchema<T> serializer,
            DeliveryGuarantee guarantee,
            String role) {
        Properties p = clientProperties(c);
        // The sink's own default (1 h) exceeds the broker's default maximum (15 min).
        p.put("transaction.timeout.ms", String.valueOf(c.get(JobSettings.TRANSACTION_TIMEOUT_MS)));
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(p)
                .setBootstrapServers(c.required(JobSettings.BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(c.get(JobSettings.TRANSACTIONAL_ID_PREFIX) + "-" + role)
                .build();
    }

    static DeliveryGuarantee guarantee(ScoringKafkaSettings c) {
        return switch (c.deliveryGuarantee()) {
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            case "none" -> DeliveryGuarantee.NONE;
            default -> DeliveryGuarantee.EXACTLY_ONCE;
        };
    }
}
