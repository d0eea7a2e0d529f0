package io.keyedrnn.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

/** Dead-letter records fit the producer's limit however large the original or its key. */
class DeadLetterSerializerTest {
    @Test
    void recordsStayWithinTheLimitAsTheProducerMeasuresThem() {
        DeadLetterSerializer s = new DeadLetterSerializer("dead", 900_000);
        String key = "k".repeat(3 << 20);
        for (int size : new int[] {0, 1000, 899_000, 900_000, 5 << 20}) {
            DeadLetter d =
                    new DeadLetter(
                            "invalid_json", "m", key, new RawRecord(new byte[size], "e", 0, 7, 0));
            ProducerRecord<byte[], byte[]> r = s.serialize(d, null, null);
            int bytes =
                    AbstractRecords.estimateSizeInBytesUpperBound(
                            RecordBatch.CURRENT_MAGIC_VALUE,
                            CompressionType.NONE,
                            r.key(),
                            r.value(),
                            r.headers().toArray());
            assertTrue(bytes <= 900_000, size + ": " + bytes);
        }
    }

    @Test
    void aLetterThatCannotBeWrittenIsDroppedNotThrown() {
        DeadLetterSerializer s = new DeadLetterSerializer("dead", 900_000);
        DeadLetter broken = new DeadLetter();
        broken.reason = null;
        assertEquals(null, s.serialize(broken, null, null));
    }

    @Test
    void aLimitAboveTheProducersRequestSizeIsAConfigError() {
        Map<String, String> m = new HashMap<>();
        m.put("dead.letter.max.bytes", "1048576");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> KafkaWiring.deadLetterMaxBytes(ScoringJobConfig.of(m)));
        assertTrue(e.getMessage().contains("kafka.max.request.size"), e.getMessage());
        m.put("kafka.max.request.size", "2000000");
        assertEquals(1048576, KafkaWiring.deadLetterMaxBytes(ScoringJobConfig.of(m)));
        assertEquals(900_000, KafkaWiring.deadLetterMaxBytes(ScoringJobConfig.of(Map.of())));
        m.put("kafka.max.request.size", "2MB");
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> KafkaWiring.deadLetterMaxBytes(ScoringJobConfig.of(m)));
        assertEquals("kafka.max.request.size '2MB' is not a whole number", e.getMessage());
    }
}
