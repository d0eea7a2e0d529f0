package io.keyedrnn.jobs.train.history;

import io.keyedrnn.jobs.kafka.TrainKafkaSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a training run's history comes from and how its reading job runs.
 *
 * @param files the event files; empty when the history is read from Kafka
 * @param kafka brokers, topic and offset range (read when {@code files} is empty)
 * @param parallelism the reading job's parallelism, 0 for one task per core
 * @param flink every {@code flink.X} setting as X
 * @param jobName the reading job's name
 */
public record HistoryInput(
        List<Path> files,
        TrainKafkaSettings kafka,
        int parallelism,
        Map<String, String> flink,
        String jobName) {

    /** Whether history comes from Kafka (else from files). */
    public boolean fromKafka() {
        return files.isEmpty();
    }

    /** Where the history came from, for the console, the report and the training summary. */
    public String describe() {
        if (fromKafka()) {
            return "Kafka topic "
                    + kafka.eventsTopic()
                    + " at "
                    + kafka.bootstrapServers()
                    + " from "
                    + kafka.startOffsets()
                    + " to "
                    + kafka.endOffsets();
        }
        return "files " + files;
    }
}
