package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.io.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rescaling: a savepoint taken at parallelism 2 restores at 1 (heap state) and at 3 (RocksDB
 * state), and each restored job continues every key exactly where the unrescaled one would have.
 */
class RescaleITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(2, 2);

    private static final int KEYS = 30;
    private static final int STEPS = 40;

    @TempDir static Path tmp;

    @Test
    void restoredAtOneAndThreeContinueExactlyAsTheUnrescaledRun() throws Exception {
        Model model = ItSupport.model(3, 17);
        Path modelFile = ItSupport.writeModel(model, tmp, "m.safetensors");
        List<byte[]> first = ItSupport.events(KEYS, 0, STEPS / 2);
        List<byte[]> second = ItSupport.events(KEYS, STEPS / 2, STEPS);
        List<byte[]> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, List<String>> expected = ItSupport.replay(model, all, false);

        String prefix = "rescale-";
        ItSupport.createTopics(cluster.kafka(), prefix);
        cluster.kafka().createTopics(2, prefix + "predictions-p1", prefix + "predictions-p3");
        Map<String, String> s = ItSupport.settings(cluster.kafka(), prefix, tmp.resolve("cp"));
        s.put("model.path", modelFile.toString());
        ItSupport.produce(cluster.kafka(), prefix + "events", first);
        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        var before = ItSupport.read(cluster.kafka(), prefix + "predictions", first.size());
        String savepoint =
                cluster.flink().stopWithSavepoint(job, tmp.resolve("sp").toUri().toString());
        assertEquals(first.size(), before.size());
        ItSupport.produce(cluster.kafka(), prefix + "events", second);

        Map<String, List<String>> atOne = restore(s, savepoint, 1, "hashmap", second.size());
        Map<String, List<String>> atThree = restore(s, savepoint, 3, "rocksdb", second.size());

        Map<String, List<String>> firstHalf = ItSupport.byKey(before);
        assertEquals(expected, concat(firstHalf, atOne));
        assertEquals(expected, concat(firstHalf, atThree));
    }

    private Map<String, List<String>> restore(
            Map<String, String> base, String savepoint, int parallelism, String backend, int n)
            throws Exception {
        Map<String, String> s = new TreeMap<>(base);
        s.put("parallelism", String.valueOf(parallelism));
        s.put("state.backend", backend);
        s.put("predictions.topic", base.get("predictions.topic") + "-p" + parallelism);
        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), savepoint);
        var out = ItSupport.read(cluster.kafka(), s.get("predictions.topic"), n);
        cluster.flink().cancel(job);
        assertEquals(n, out.size(), "predictions after restoring at parallelism " + parallelism);
        return ItSupport.byKey(out);
    }

    private static Map<String, List<String>> concat(
            Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> out = new TreeMap<>();
        a.forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        b.forEach((k, v) -> out.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return out;
    }
}
