package io.keyedrnn.bench.state;

import io.keyedrnn.flink.KeyStateLayout;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes of one key's state and what they cost per event (not a test), for LSTM and GRU models.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.state.StateBytesBench
 *   [--keys 200000] [--hidden 16,64,128] [--cells LSTM,GRU] [--features 4] [--ring 32]
 *   [--likelihood 0] [--rocksdb true]</pre>
 *
 * For each model: the serialised {@link KeyState} split into its parts ({@link KeyStateLayout};
 * RocksDB reads and rewrites all of it on every event), the heap bytes a key's state objects take,
 * the serializer's thread CPU time per event (serialise + deserialise), and, with {@code
 * --rocksdb}, RocksDB's native get + put of a value of that size and of the size without the input
 * ring.
 */
public final class StateBytesBench {
    private StateBytesBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = io.keyedrnn.bench.flink.ThroughputBench.Args.parse(args);
        int keys = Integer.parseInt(a.getOrDefault("keys", "200000"));
        int features = Integer.parseInt(a.getOrDefault("features", "4"));
        ScoringConfig config =
                ScoringConfig.DEFAULTS
                        .withRingSize(Integer.parseInt(a.getOrDefault("ring", "32")))
                        .withLikelihood(
                                Integer.parseInt(a.getOrDefault("likelihood", "0")),
                                ScoringConfig.DEFAULTS.likelihoodLongWindow());
        boolean rocks = Boolean.parseBoolean(a.getOrDefault("rocksdb", "true"));
        System.out.println(
                "cell hidden  bytes  state   pred   ring errors likeli  range  other"
                        + "  heap B/key  ser ns  deser ns");
        for (String c : a.getOrDefault("cells", "LSTM,GRU").split(",")) {
            for (String h : a.getOrDefault("hidden", "16,64,128").split(",")) {
                CellKind cell = CellKind.valueOf(c.trim());
                int hidden = Integer.parseInt(h.trim());
                ModelServable sv = servable(cell, features, hidden, config);
                KeyState[] states = states(sv, keys, features);
                Map<String, Integer> parts = KeyStateLayout.parts(states[0]);
                long heap = HeapFootprint.perKey(() -> states(sv, keys, features), keys);
                double[] serde = SerializerCost.nsPerEvent(states);
                printRow(cell, hidden, parts, heap, serde);
                if (rocks) {
                    int full = KeyStateLayout.total(states[0]);
                    int cut = full - parts.get(KeyStateLayout.RING);
                    RocksValueCost.print(keys, full, cut);
                }
            }
        }
    }

    private static ModelServable servable(
            CellKind cell, int features, int hidden, ScoringConfig config) {
        Model m =
                new Model(
                        NetworkFactory.random(NetworkSpec.numeric(cell, features, hidden, 1), 1),
                        ModelMetadata.empty().withVersion(1));
        return new ModelServable(m, config);
    }

    /** One state per key, each after two events (every array then has its final length). */
    static KeyState[] states(ModelServable sv, int keys, int features) {
        KeyState[] states = new KeyState[keys];
        float[] x = new float[features];
        for (int k = 0; k < keys; k++) {
            states[k] = sv.newState();
            for (int t = 0; t < 2; t++) {
                for (int f = 0; f < features; f++) {
                    x[f] = (float) Math.sin(0.7 * k + f + t);
                }
                sv.process(Event.numeric("k" + k, 1_700_000_000_000L + t, x), states[k]);
            }
        }
        return states;
    }

    private static void printRow(
            CellKind cell, int hidden, Map<String, Integer> p, long heap, double[] serde) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s %6d", cell, hidden));
        row.append(String.format(Locale.ROOT, " %6d", p.values().stream().mapToInt(i -> i).sum()));
        for (int bytes : p.values()) { // in KeyStateLayout's order, as the header names them
            row.append(String.format(Locale.ROOT, " %6d", bytes));
        }
        row.append(String.format(Locale.ROOT, " %11d %7.0f %9.0f", heap, serde[0], serde[1]));
        System.out.println(row);
        System.out.flush();
    }
}
