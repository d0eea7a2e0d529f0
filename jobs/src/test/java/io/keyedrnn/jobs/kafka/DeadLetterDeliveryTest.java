package io.keyedrnn.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.junit.jupiter.api.Test;

/** dead.letter.delivery picks the dead-letter sink and whether the job needs transactions. */
class DeadLetterDeliveryTest {
    private static ScoringJobConfig config(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        m.put("dead.letter.topic", "dead");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return ScoringJobConfig.of(m);
    }

    @Test
    void byDefaultRefusedDeadLettersAreDroppedNotFatal() {
        assertInstanceOf(DeadLetterKafkaSink.class, KafkaWiring.deadLetterSink(config()));
    }

    @Test
    void exactlyOnceKeepsTheTransactionalSink() {
        ScoringJobConfig c = config("dead.letter.delivery", "exactly-once");
        assertInstanceOf(KafkaSink.class, KafkaWiring.deadLetterSink(c));
    }

    @Test
    void transactionsAreCheckedWhenEitherSinkUsesThem() {
        assertTrue(KafkaWiring.anyTransactions(config()));
        assertFalse(KafkaWiring.anyTransactions(config("delivery.guarantee", "at-least-once")));
        assertTrue(
                KafkaWiring.anyTransactions(
                        config(
                                "delivery.guarantee",
                                "at-least-once",
                                "dead.letter.delivery",
                                "exactly-once")));
    }

    @Test
    void anUnknownDeliveryIsAConfigErrorNamingTheSetting() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> KafkaWiring.deadLetterSink(config("dead.letter.delivery", "maybe")));
        assertTrue(e.getMessage().contains("dead.letter.delivery"), e.getMessage());
    }
}
