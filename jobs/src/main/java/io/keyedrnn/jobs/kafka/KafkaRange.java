package io.keyedrnn.jobs.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Parses a start or end of the history range on the events topic: {@code earliest}, {@code latest},
 * a timestamp in epoch milliseconds (the first record at or after it), or explicit offsets per
 * partition {@code 0=1200,1=980} (list every partition of the topic).
 */
public final class KafkaRange {
    private KafkaRange() {}

    public static OffsetsInitializer initializer(String spec, String topic, String setting) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("earliest")) {
            return OffsetsInitializer.earliest();
        }
        if (s.equals("latest")) {
            return OffsetsInitializer.latest();
        }
        if (s.contains("=")) {
            return OffsetsInitializer.offsets(offsets(s, topic, setting));
        }
        try {
            long ms = Long.parseLong(s);
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return OffsetsInitializer.timestamp(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    setting
                            + " '"
                            + spec
                            + "': expected earliest, latest, a timestamp in epoch ms, or"
                            + " PARTITION=OFFSET,...");
        }
    }

    private static Map<TopicPartition, Long> offsets(String s, String topic, String setting) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (String part : s.split(",")) {
            String[] kv = part.trim().split("=");
            try {
                int p = Integer.parseInt(kv[0].trim());
                long o = Long.parseLong(kv[1].trim());
                if (kv.length != 2 || p < 0 || o < 0) {
                    throw new NumberFormatException();
                }
                m.put(new TopicPartition(topic, p), o);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        setting + " '" + s + "': '" + part + "' is not PARTITION=OFFSET");
            }
        }
        return m;
    }
}
