package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.Cli;
import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bin/keyed-rnn score refuses to start, with a clear message, on a missing topic or broker. */
class ScoreCommandITCase {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(1, "e", "p", "m");
        kafka.createTopics(1, java.util.Map.of("max.message.bytes", "500000"), "small-dead");
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void aMissingTopicIsNamed() {
        String[] r =
                run(
                        "score",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--events-topic",
                        "e",
                        "--predictions-topic",
                        "p",
                        "--models-topic",
                        "m",
                        "--dead-letter-topic",
                        "nope");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("'nope' (dead.letter.topic) do not exist"), r[1]);
    }

    @Test
    void aDeadLetterTopicTooSmallForTheLargestDeadLetterIsNamed() {
        String[] r =
                run(
                        "score",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--events-topic",
                        "e",
                        "--predictions-topic",
                        "p",
                        "--models-topic",
                        "m",
                        "--dead-letter-topic",
                        "small-dead");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("'small-dead' takes batches of at most 500000 bytes"), r[1]);
        assertTrue(r[1].contains("dead.letter.max.bytes 900000"), r[1]);
    }

    @Test
    void anUnreachableBrokerIsNamed() {
        String[] r =
                run(
                        "score",
                        "--bootstrap-servers",
                        "127.0.0.1:1",
                        "--events-topic",
                        "e",
                        "--predictions-topic",
                        "p",
                        "--models-topic",
                        "m",
                        "--dead-letter-topic",
                        "d",
                        "--set",
                        "kafka.default.api.timeout.ms=2000");
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("cannot reach Kafka at 127.0.0.1:1"), r[1]);
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        String[] r = run("score", "--bootstrap-servers", kafka.bootstrapServers());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("events.topic"), r[1]);
    }
}
