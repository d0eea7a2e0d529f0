package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The in-JVM broker used by the demo and the ITCases accepts and serves records. */
class EmbeddedKafkaITCase {
    @Test
    void roundTripsRecordsInOrder() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "t");
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                values.add(("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            KafkaIo.send(kafka.bootstrapServers(), "t", 1, null, values);
            List<ConsumerRecord<byte[], byte[]>> read =
                    KafkaIo.readAll(kafka.bootstrapServers(), "t", Duration.ofSeconds(30));
            assertEquals(100, read.size());
            for (int i = 0; i < 100; i++) {
                assertEquals("v" + i, new String(read.get(i).value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void startingPrintsNothingToTheConsole() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, "quiet");
        } finally {
            System.setOut(console);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("Bootstrap metadata"), out);
        assertFalse(out.contains("Formatting metadata directory"), out);
    }
}
