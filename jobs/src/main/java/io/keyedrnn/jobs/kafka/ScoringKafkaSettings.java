package io.keyedrnn.jobs.kafka;

import io.keyedrnn.settings.Setting;
import java.util.Map;

/**
 * The scoring job's settings as its Kafka clients read them, typed: declared settings only, plus
 * the {@code kafka.*} pass-through. The scoring job's configuration implements it, so this package
 * needs nothing from the scoring package.
 */
public interface ScoringKafkaSettings {
    /** The producer's default {@code max.request.size}, as Kafka declares it. */
    long DEFAULT_MAX_REQUEST_SIZE = 1 << 20;

    /** The value of a declared setting, or its default. */
    <T> T get(Setting<T> setting);

    /** The value of a declared setting that must be set; throws naming it when it is not. */
    String required(Setting<String> setting);

    /** The {@code kafka.*} client settings, with the prefix removed. */
    Map<String, String> kafkaClientSettings();

    /**
     * The producers' {@code max.request.size} ({@code kafka.max.request.size}, else {@link
     * #DEFAULT_MAX_REQUEST_SIZE}); throws naming the key when it is not a whole number.
     */
    long producerMaxRequestSize();

    /** {@code exactly-once}, {@code at-least-once} or {@code none}. */
    String deliveryGuarantee();

    /** {@code committed}, {@code earliest} or {@code latest}. */
    String startingOffsets();
}
