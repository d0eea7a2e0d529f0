package io.keyedrnn.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Start and end specifications of the Kafka history range. */
class KafkaRangeTest {
    @Test
    void acceptsTheDocumentedForms() {
        for (String s : new String[] {"earliest", "LATEST", "1700000000000", "0=5,1=7"}) {
            assertNotNull(KafkaRange.initializer(s, "events", "--start-offsets"));
        }
    }

    @Test
    void rejectsOtherTextNamingTheOption() {
        for (String s : new String[] {"yesterday", "-5", "0=x", "1=2=3", "=4"}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> KafkaRange.initializer(s, "events", "--end-offsets"));
            assertTrue(e.getMessage().startsWith("--end-offsets '"), e.getMessage());
        }
    }
}
