package io.keyedrnn.jobs.kafka;

import java.util.Map;

/**
 * What training's Kafka clients need from its settings, so this package needs nothing from the
 * train package.
 *
 * @param clientSettings every {@code kafka.X} setting as X
 * @param fromKafka whether the history is read from {@code eventsTopic} (not from files)
 * @param modelsTopic null when training reads and publishes no model topic
 */
public record TrainKafkaSettings(
        Map<String, String> clientSettings,
        String bootstrapServers,
        long timeoutMs,
        boolean fromKafka,
        String eventsTopic,
        String startOffsets,
        String endOffsets,
        String modelsTopic,
        String modelsKey) {}
