package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.jobs.kafka.KafkaIo;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new model published while events flow: nothing is lost or scored twice, each key switches from
 * version 1 to 2 exactly once, and at its switch the key's state and prediction are what replay of
 * its ring buffer (the last ring.size events) and the event itself under the new model give.
 */
class ModelSwapITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 16;
    private static final int STEPS = 60;
    private static final int RING = Integer.parseInt(ItSupport.SCORING.get("ring.size"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path tmp;

    @Test
    void eachKeySwitchesOnceWithItsStateRebuiltByReplay() throws Exception {
        Model v1 = ItSupport.model(1, 41);
        Model v2 = ItSupport.model(2, 42);
        String prefix = "swap-";
        ItSupport.createTopics(cluster.kafka(), prefix);
        Map<String, String> s = ItSupport.settings(cluster.kafka(), prefix, tmp.resolve("cp"));
        s.put("model.path", ItSupport.writeModel(v1, tmp, "v1.safetensors").toString());
        s.put("output.state", "true");
        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);

        // Half the events scored under v1 first, then v2 arrives while the rest stream in.
        int half = STEPS / 2;
        ItSupport.produce(cluster.kafka(), prefix + "events", ItSupport.events(KEYS, 0, half));
        ItSupport.read(cluster.kafka(), prefix + "predictions", KEYS * half);
        KafkaIo.send(
                cluster.kafka().bootstrapServers(),
                prefix + "models",
                0,
                "model".getBytes(StandardCharsets.UTF_8),
                List.of(ModelFile.toBytes(v2)));
        // The first steps after the publication race with the model; then wait until every
        // subtask uses v2, so that every key surely switches before its events run out.
        ItSupport.produce(
                cluster.kafka(), prefix + "events", ItSupport.events(KEYS, half, half + 3));
        awaitVersionOnEverySubtask(prefix, 2);
        for (int t = half + 3; t < STEPS; t += 3) {
            ItSupport.produce(cluster.kafka(), prefix + "events", ItSupport.events(KEYS, t, t + 3));
            Thread.sleep(50);
        }
        var all =
                KafkaIo.readUntil(
                        cluster.kafka().bootstrapServers(),
                        prefix + "predictions",
                        l -> withoutProbes(l).size() >= KEYS * STEPS,
                        Duration.ofMinutes(2));
        var records = withoutProbes(all);
        cluster.flink()
                .awaitCheckpoints(
                        job, cluster.flink().completedCheckpoints(job) + 1, Duration.ofMinutes(1));
        cluster.flink().cancel(job);
        assertEquals(KEYS * STEPS, records.size());

        Map<String, List<String>> byKey = ItSupport.byKey(records);
        assertEquals(KEYS, byKey.size());
        for (int k = 0; k < KEYS; k++) {
            checkKey(k, byKey.get("k" + k), v1, v2);
        }
    }

    /** Keys that land on subtask 0 and 1 of the scoring operator (max parallelism 128). */
    private static List<String> probeKeys() {
        List<String> keys = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            for (int i = 0; ; i++) {
                String key = "probe-" + i;
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key, 128, 2) == subtask) {
                    keys.add(key);
                    break;
                }
            }
        }
        return keys;
    }

    private static List<ConsumerRecord<byte[], byte[]>> withoutProbes(
            List<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (!new String(r.key(), StandardCharsets.UTF_8).startsWith("probe-")) {
                out.add(r);
            }
        }
        return out;
    }

    /** Sends probe events until each subtask's probe key is scored with the given version. */
    private static void awaitVersionOnEverySubtask(String prefix, long version) throws Exception {
        List<String> probes = probeKeys();
        String marker = "\"model_version\":" + version + ",";
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int t = 0; System.nanoTime() < deadline; t++) {
            List<byte[]> lines = new ArrayList<>();
            for (String key : probes) {
                lines.add(
                        ("{\"key\":\""
                                        + key
                                        + "\",\"ts\":"
                                        + (1_700_000_000_000L + t)
                                        + ",\"features\":[0,0,0]}")
                                .getBytes(StandardCharsets.UTF_8));
            }
            ItSupport.produce(cluster.kafka(), prefix + "events", lines);
            var seen =
                    KafkaIo.readUntil(
                            cluster.kafka().bootstrapServers(),
                            prefix + "predictions",
                            l -> false,
                            Duration.ofSeconds(1));
            long switched =
                    probes.stream()
                            .filter(
                                    key ->
                                            seen.stream()
                                                    .anyMatch(
                                                            r -> {
                                                                String v =
                                                                        new String(
                                                                                r.value(),
                                                                                StandardCharsets
                                                                                        .UTF_8);
                                                                return v.contains(
                                                                                "\"key\":\""
                                                                                        + key
                                                                                        + "\"")
                                                                        && v.contains(marker);
                                                            }))
                            .count();
            if (switched == probes.size()) {
                return;
            }
        }
        throw new AssertionError("model version " + version + " did not reach every subtask");
    }

    private void checkKey(int k, List<String> out, Model v1, Model v2) throws Exception {
        assertEquals(STEPS, out.size(), "key k" + k);
        int swap = -1;
        for (int t = 0; t < STEPS; t++) {
            JsonNode p = JSON.readTree(out.get(t));
            assertEquals(
                    1_700_000_000_000L + t * 1000L, p.get("ts").asLong(), "k" + k + " step " + t);
            long version = p.get("model_version").asLong();
            if (version == 2 && swap < 0) {
                swap = t;
            }
            assertEquals(swap < 0 ? 1 : 2, version, "k" + k + " step " + t + " switched back");
        }
        assertTrue(swap > RING, "k" + k + " switched at step " + swap + ", before its ring filled");
        // Before the switch: exactly replay under v1.
        List<byte[]> lines = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            lines.add(ItSupport.event(k, t));
        }
        List<String> v1Out = ItSupport.replay(v1, lines.subList(0, swap), true).get("k" + k);
        assertEquals(v1Out, out.subList(0, swap), "k" + k + " under version 1");
        // At the switch: state and prediction = v2 replaying the last RING events, then this one.
        List<String> rebuilt =
                ItSupport.replay(v2, lines.subList(swap - RING, swap + 1), true).get("k" + k);
        JsonNode want = JSON.readTree(rebuilt.get(RING));
        JsonNode got = JSON.readTree(out.get(swap));
        assertEquals(want.get("state"), got.get("state"), "k" + k + " state at the switch");
        assertEquals(want.get("prediction"), got.get("prediction"), "k" + k + " prediction");
    }
}
