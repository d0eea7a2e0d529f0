package io.keyedrnn.jobs.kafka;

import io.keyedrnn.settings.Setting;
import java.util.Map;

/**
 * The scoring job's settings as its Kafka clients read them; the scoring job's configuration
 * implements it, so this package needs nothing from the scoring package.
 */
public interface ScoringKafkaSettings {
    /** The value of a declared setting, or its default. */
    <T> T get(Setting<T> setting);

    /** The value of a free-form key (such as {@code kafka.max.request.size}), or the fallback. */
    String get(String key, String fallback);

    /** The value of a key that must be set; throws naming the key when it is not. */
    String required(String key);

    /** The keys under a prefix, with the prefix removed (the {@code kafka.*} client settings). */
    Map<String, String> withPrefix(String prefix);

    /** {@code exactly-once}, {@code at-least-once} or {@code none}. */
    String deliveryGuarantee();

    /** {@code committed}, {@code earliest} or {@code latest}. */
    String startingOffsets();
}
