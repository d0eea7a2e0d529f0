package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.jobs.kafka.DeadLetterKafkaSink;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the job runs, the dead-letter topic starts refusing dead letters (its max.message.bytes
 * lowered below their size), then takes them again: the refused ones are counted and dropped, the
 * job never restarts, every good event is predicted exactly once, and later dead letters arrive.
 */
class DeadLetterRefusedITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final KafkaAndFlink cluster =
            new KafkaAndFlink(1, 2, METRICS.addToConfiguration(new Configuration()));

    @TempDir static Path tmp;

    private static final int KEYS = 4;
    private static final String PREFIX = "refuse-";
    private static final String DEAD = PREFIX + "dead";

    @Test
    void refusedDeadLettersAreCountedAndDroppedAndTheJobGoesOn() throws Exception {
        Model model = ItSupport.model(3, 7);
        Map<String, String> s = ItSupport.withTopicsAndModel(cluster.kafka(), PREFIX, model, tmp);
        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        TopicLimit dead = new TopicLimit(cluster.kafka(), DEAD);

        List<byte[]> good = new ArrayList<>();
        phase(good, 0, garbage('a', 200, 2));
        awaitPredictions(good.size());
        awaitDeadLetters(2);

        dead.refuseAbove(500);
        phase(good, 1, garbage('x', 2000, 5));
        awaitPredictions(good.size());
        awaitSendFailures(job, 5);

        dead.restore();
        phase(good, 2, garbage('c', 2000, 3));
        var predictions = awaitPredictions(good.size());
        var letters = awaitDeadLetters(5);
        cluster.flink()
                .awaitCheckpoints(
                        job, cluster.flink().completedCheckpoints(job) + 2, Duration.ofMinutes(1));
        assertEquals(0, cluster.flink().maxAttempt(job), "the job never restarted");
        assertEquals(5, sendFailures(job), "every refused dead letter is counted once");
        cluster.flink().cancel(job);

        assertEquals(
                ItSupport.replayRun(model, good, false, ItSupport.SCORING).byKey(),
                ItSupport.byKey(predictions),
                "every good event predicted exactly once");
        assertEquals(List.of("a200", "a200", "c2000", "c2000", "c2000"), describe(letters));
    }

    /** Good events of five steps with the bad records between them, produced; good collects. */
    private static void phase(List<byte[]> good, int n, List<byte[]> bad) {
        List<byte[]> stream = new ArrayList<>();
        for (int t = 5 * n; t < 5 * n + 5; t++) {
            List<byte[]> step = ItSupport.events(KEYS, t, t + 1);
            good.addAll(step);
            stream.addAll(step);
            if (t - 5 * n < bad.size()) {
                stream.add(bad.get(t - 5 * n));
            }
        }
        ItSupport.produce(cluster.kafka(), PREFIX + "events", stream);
    }

    /** {@code count} records of {@code size} bytes of {@code c}: not JSON, so dead letters. */
    private static List<byte[]> garbage(char c, int size, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) c);
            out.add(b);
        }
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitPredictions(int n) {
        return ItSupport.read(cluster.kafka(), PREFIX + "predictions", n);
    }

    /** The dead letters (probe records left out), once there are at least n. */
    private static List<ConsumerRecord<byte[], byte[]>> awaitDeadLetters(int n) {
        List<ConsumerRecord<byte[], byte[]>> all =
                KafkaIo.readUntil(
                        cluster.kafka().bootstrapServers(),
                        DEAD,
                        l -> l.stream().filter(r -> !TopicLimit.isProbe(r)).count() >= n,
                        Duration.ofMinutes(2));
        return all.stream().filter(r -> !TopicLimit.isProbe(r)).toList();
    }

    /** First payload byte and length of each dead letter's original, sorted. */
    private static List<String> describe(List<ConsumerRecord<byte[], byte[]>> letters)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : letters) {
            var n = json.readTree(r.value());
            byte[] payload = n.get("payload_base64").binaryValue();
            out.add((char) payload[0] + n.get("payload_length").asText());
        }
        out.sort(null);
        return out;
    }

    private static void awaitSendFailures(JobID job, long n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (sendFailures(job) < n) {
            assertEquals(0, cluster.flink().maxAttempt(job), "the job restarted");
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sendFailures(job) + " send failures counted, not " + n);
            }
            Thread.sleep(50);
        }
    }

    /** The sum of the dead-letter sink's send-failure counters over its subtasks. */
    private static long sendFailures(JobID job) {
        long sum = 0;
        for (var g : METRICS.getMetricsByGroup().entrySet()) {
            Metric m = g.getValue().get(DeadLetterKafkaSink.SEND_FAILURES_METRIC);
            if (m != null && job.toString().equals(g.getKey().getAllVariables().get("<job_id>"))) {
                sum += ((Counter) m).getCount();
            }
        }
        return sum;
    }
}
