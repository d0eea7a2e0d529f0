package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.flink.ScoringPipeline;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scoring pipeline on a MiniCluster (keyed step in two subtasks) gives byte-identical
 * predictions and dead letters per key with micro-batching on and off, on a stream of many keys.
 */
class BatchedScoringITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Model MODEL =
            new Model(
                    NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 8, 2), 5),
                    ModelMetadata.empty().withVersion(1));

    @Test
    void batchedAndUnbatchedJobsWriteTheSameBytes() throws Exception {
        List<String> events = events(60, 3_000);
        Map<String, List<String>> unbatched = byKey(run(events, 1));
        Map<String, List<String>> batched = byKey(run(events, 32));
        assertEquals(60, unbatched.keySet().stream().filter(k -> !k.contains(" ")).count());
        assertEquals(null, firstDifference(unbatched, batched));
        assertTrue(
                unbatched.values().stream()
                        .flatMap(List::stream)
                        .anyMatch(l -> l.startsWith("dead")));
    }

    /** Events of random keys, one in 50 with a wrong feature count (a dead letter). */
    private static List<String> events(int keys, int n) {
        SplittableRandom rnd = new SplittableRandom(17);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int features = rnd.nextInt(50) == 0 ? 2 : 3;
            StringBuilder x = new StringBuilder();
            for (int f = 0; f < features; f++) {
                x.append(f == 0 ? "" : ",")
                        .append(String.format(Locale.ROOT, "%.3f", rnd.nextGaussian()));
            }
            out.add(
                    "{\"key\":\"k"
                            + rnd.nextInt(keys)
                            + "\",\"ts\":"
                            + (1_000L + i)
                            + ",\"features\":["
                            + x
                            + "]}");
        }
        return out;
    }

    /** Predictions and dead letters ("dead reason key message") of one run. */
    private static List<String> run(List<String> lines, int batchSize) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        ItSupport.Streams in = ItSupport.inMemory(env, lines);
        ScoringOptions options =
                new ScoringOptions()
                        .scoring(Map.of())
                        .startupModel(ModelFile.toBytes(MODEL), "test model")
                        .batching(batchSize, 5);
        ScoringPipeline.Outputs out = ScoringPipeline.apply(in.events(), in.models(), options);
        DataStream<String> predictions =
                out.predictions().map(t -> new String(t.f1, StandardCharsets.UTF_8));
        DataStream<String> dead =
                out.deadLetters()
                        .map(d -> "dead " + d.reason + " \"key\":\"" + d.key + "\", " + d.message);
        ((org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator<?>)
                        out.predictions())
                .setParallelism(2);
        List<String> all = new ArrayList<>();
        try (CloseableIterator<String> it = predictions.union(dead).executeAndCollect()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    /** Where two runs' per-key outputs first differ, or null (the whole maps are too long). */
    private static String firstDifference(
            Map<String, List<String>> a, Map<String, List<String>> b) {
        if (!a.keySet().equals(b.keySet())) {
            return "keys " + a.keySet() + " vs " + b.keySet();
        }
        for (String k : a.keySet()) {
            List<String> x = a.get(k);
            List<String> y = b.get(k);
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                String u = i < x.size() ? x.get(i) : null;
                String v = i < y.size() ? y.get(i) : null;
                if (u == null || !u.equals(v)) {
                    return k + " #" + i + ":\n" + u + "\n" + v;
                }
            }
        }
        return null;
    }

    private static Map<String, List<String>> byKey(List<String> lines) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String p : lines) {
            int at = p.indexOf("\"key\":\"") + 7;
            String key = p.substring(at, p.indexOf('"', at));
            // Dead letters leave on another stream: their order among predictions is not defined.
            String list = p.startsWith("dead ") ? key + " dead letters" : key;
            m.computeIfAbsent(list, k -> new ArrayList<>()).add(p);
        }
        return m;
    }
}
