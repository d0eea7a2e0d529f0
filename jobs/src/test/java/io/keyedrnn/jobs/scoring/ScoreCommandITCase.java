package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import java.util.List;
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

    @Test
    void aMissingTopicIsNamed() {
        ScoreCli.Result r = ScoreCli.run(ScoreCli.args(kafka.bootstrapServers(), "nope"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("'nope' (dead.letter.topic) do not exist"), r.err());
    }

    @Test
    void aDeadLetterTopicTooSmallForTheLargestDeadLetterIsNamed() {
        ScoreCli.Result r = ScoreCli.run(ScoreCli.args(kafka.bootstrapServers(), "small-dead"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("'small-dead' takes batches of at most 500000 bytes"), r.err());
        assertTrue(r.err().contains("dead.letter.max.bytes 900000"), r.err());
    }

    @Test
    void anUnreachableBrokerIsNamed() {
        ScoreCli.Result r =
                ScoreCli.run(
                        ScoreCli.args(
                                "127.0.0.1:1", "d", "--set", "kafka.default.api.timeout.ms=2000"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("cannot reach Kafka at 127.0.0.1:1"), r.err());
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        ScoreCli.Result r =
                ScoreCli.run(List.of("score", "--bootstrap-servers", kafka.bootstrapServers()));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("events.topic"), r.err());
    }
}
