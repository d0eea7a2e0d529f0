package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.RawRecord;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;

/** The bounded Kafka source training reads its history from: committed records, in a range. */
public final class HistorySource {
    private HistorySource() {}

    /** The events topic from {@code --start-offsets} to {@code --end-offsets}, as raw bytes. */
    public static KafkaSource<RawRecord> of(TrainKafkaSettings s) {
        Properties p = TrainKafka.clientProperties(s);
        p.putIfAbsent("isolation.level", "read_committed");
        // A retrain reads history; it must not move the scoring job's committed offsets.
        p.put("commit.offsets.on.checkpoint", "false");
        return KafkaSource.<RawRecord>builder()
                .setProperties(p)
                .setTopics(s.eventsTopic())
                .setGroupId("keyed-rnn-retrain")
                .setStartingOffsets(
                        KafkaRange.initializer(
                                s.startOffsets(), s.eventsTopic(), "--start-offsets"))
                .setBounded(
                        KafkaRange.initializer(s.endOffsets(), s.eventsTopic(), "--end-offsets"))
                .setDeserializer(new RawRecordDeserializer())
                .build();
    }
}
