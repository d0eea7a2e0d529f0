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
import io.keyedrnn.serve.Ring;
import io.keyedrnn.serve.RingStore;
import io.keyedrnn.serve.ScoringConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes of one key's state and what they cost per event (not a test), for LSTM and GRU models.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.state.StateBytesBench
 *   [--keys 200000] [--hidden 16,64,128] [--cells LSTM,GRU] [--features 4] [--ring 32]
 *   [--likelihood 0] [--rocksdb true]</pre>
 *
 * For each model: the serialised {@link KeyState} as the job writes it (key state format 3, the
 * input ring's entries in the ring state) split into its parts ({@link KeyStateLayout}; RocksDB
 * reads and rewrites all of it on every event), the bytes of the one ring entry an event writes
 * besides, the heap bytes a key's state objects take (and with a full ring of entries in a map, as
 * the heap backend's ring state holds them), the serializer's thread CPU time per event (serialise
 * + deserialise; and serialise with the ring inline into a buffered stream, as a heap checkpoint
 * writes each key), and, with {@code --rocksdb}, RocksDB's native get + put of a value of the size
 * with the ring inline (format 2), of format 3's size, and the put of one ring entry.
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
                        + "  entry B  heap B/key  +ring map  ser ns  deser ns  ckpt ns");
        for (String c : a.getOrDefault("cells", "LSTM,GRU").split(",")) {
            for (String h : a.getOrDefault("hidden", "16,64,128").split(",")) {
                CellKind cell = CellKind.valueOf(c.trim());
                int hidden = Integer.parseInt(h.trim());
                ModelServable sv = servable(cell, features, hidden, config);
                KeyState[] states = states(sv, keys, features);
                int inline = KeyStateLayout.total(states[0]);
                double checkpoint = SerializerCost.streamNsPerState(states); // heap: ring inline
                for (KeyState s : states) {
                    Ring.attach(s, DISCARD); // as the job keeps them: entries in the ring state
                }
                Map<String, Integer> parts = KeyStateLayout.parts(states[0]);
                long heap = HeapFootprint.perKey(() -> attached(sv, keys, features), keys);
                long ringMap =
                        HeapFootprint.perKey(
                                () -> ringMaps(keys, features, config.ringSize()), keys);
                double[] serde = SerializerCost.nsPerEvent(states);
                printRow(
                        cell,
                        hidden,
                        parts,
                        entryBytes(features),
                        heap,
                        heap + ringMap,
                        new double[] {serde[0], serde[1], checkpoint});
                if (rocks) {
                    RocksValueCost.print(
                            keys, inline, KeyStateLayout.total(states[0]), entryBytes(features));
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

    /** A ring entry's value as Flink's RocksDB map state writes it: null flag, length, floats. */
    static int entryBytes(int features) {
        return 1 + Integer.BYTES + features * Float.BYTES;
    }

    /** The states with their ring entries elsewhere (what the job's key state holds). */
    private static KeyState[] attached(ModelServable sv, int keys, int features) {
        KeyState[] states = states(sv, keys, features);
        for (KeyState s : states) {
            Ring.attach(s, DISCARD);
            s.ringStore = null;
        }
        return states;
    }

    /** Per key, a full ring's entries in a hash map (what the heap backend's ring state holds). */
    private static Object ringMaps(int keys, int features, int ring) {
        List<Map<Integer, float[]>> maps = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
            Map<Integer, float[]> m = new HashMap<>();
            for (int slot = 0; slot < ring; slot++) {
                m.put(slot, new float[features]);
            }
            maps.add(m);
        }
        return maps;
    }

    /** Takes entries and forgets them: the bench measures the key state only. */
    private static final RingStore DISCARD =
            new RingStore() {
                @Override
                public void putFeatures(int slot, float[] x) {}

                @Override
                public void putToken(int slot, int token) {}

                @Override
                public float[] features(int slot) {
                    return null;
                }

                @Override
                public int token(int slot) {
                    return NO_TOKEN;
                }

                @Override
                public void clear() {}
            };

    private static void printRow(
            CellKind cell,
            int hidden,
            Map<String, Integer> p,
            int entry,
            long heap,
            long heapWithRing,
            double[] serde) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s %6d", cell, hidden));
        row.append(String.format(Locale.ROOT, " %6d", p.values().stream().mapToInt(i -> i).sum()));
        for (int bytes : p.values()) { // in KeyStateLayout's order, as the header names them
            row.append(String.format(Locale.ROOT, " %6d", bytes));
        }
        row.append(
                String.format(
                        Locale.ROOT,
                        " %8d %11d %10d %7.0f %9.0f %8.0f",
                        entry,
                        heap,
                        heapWithRing,
                        serde[0],
                        serde[1],
                        serde[2]));
        System.out.println(row);
        System.out.flush();
    }
}
