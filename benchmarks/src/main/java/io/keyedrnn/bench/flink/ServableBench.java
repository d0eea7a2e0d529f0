package io.keyedrnn.bench.flink;

import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.ServableBatch;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * The keyed step without Flink, one thread (not a test): what one event costs in the servable alone
 * and with its JSON output, over many keys' states, to split the job's cost into parts.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.flink.ServableBench
 *   [--keys 200000] [--events-per-key 20] [--hidden 32,64,128] [--features 4] [--batch 32]</pre>
 *
 * Times are the thread's CPU time (a shared machine's waiting for a core left out); "batch" steps
 * consecutive keys B at a time through {@link ServableBatch}, as the job's operator does.
 */
public final class ServableBench {
    private ServableBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = ThroughputBench.Args.parse(args);
        int keys = Integer.parseInt(a.getOrDefault("keys", "200000"));
        int perKey = Integer.parseInt(a.getOrDefault("events-per-key", "20"));
        int features = Integer.parseInt(a.getOrDefault("features", "4"));
        int size = Integer.parseInt(a.getOrDefault("batch", "32"));
        System.out.println("hidden  part               CPU ns/event  events/s (one core)");
        for (String h : a.getOrDefault("hidden", "32,64,128").split(",")) {
            int hidden = Integer.parseInt(h.trim());
            ModelServable sv =
                    new ModelServable(
                            ModelFile.read(ThroughputBench.model(features, hidden), "bench"),
                            ScoringConfig.DEFAULTS);
            Event[] events = events(keys, features);
            KeyState[] states = new KeyState[keys];
            for (int k = 0; k < keys; k++) {
                states[k] = sv.newState();
            }
            PredictionJson json = new PredictionJson(false);
            ServableBatch batch = new ServableBatch(sv, size);
            run(sv, events, states, perKey, null); // warm-up
            runBatched(batch, events, states, perKey, null);
            print(hidden, "servable.process", run(sv, events, states, perKey, null));
            print(hidden, "batch B=" + size, runBatched(batch, events, states, perKey, null));
            print(hidden, "process + JSON", run(sv, events, states, perKey, json));
            print(hidden, "batch + JSON", runBatched(batch, events, states, perKey, json));
        }
    }

    private static Event[] events(int keys, int features) {
        Event[] e = new Event[keys];
        for (int k = 0; k < keys; k++) {
            float[] x = new float[features];
            for (int f = 0; f < features; f++) {
                x[f] = (float) Math.sin(0.7 * k + f);
            }
            e[k] = Event.numeric("k" + k, 1_700_000_000_000L, x);
        }
        return e;
    }

    /** Thread CPU ns per event over perKey rounds of all keys. */
    private static double run(
            ModelServable sv, Event[] events, KeyState[] states, int perKey, PredictionJson json) {
        long bytes = 0;
        long start = cpuNanos();
        for (int t = 0; t < perKey; t++) {
            for (int k = 0; k < events.length; k++) {
                events[k].setTimestamp(1_700_000_000_000L + t * 1000L);
                Prediction p = sv.process(events[k], states[k]);
                bytes += json == null ? p.length : json.toBytes(p).length;
            }
        }
        long ns = cpuNanos() - start;
        if (bytes == 42) {
            System.out.print(""); // keeps the work observable
        }
        return (double) ns / ((long) perKey * events.length);
    }

    /** As {@link #run}, keys in batches of consecutive keys (all different). */
    private static double runBatched(
            ServableBatch batch,
            Event[] events,
            KeyState[] states,
            int perKey,
            PredictionJson json) {
        long bytes = 0;
        long start = cpuNanos();
        for (int t = 0; t < perKey; t++) {
            for (int k = 0; k < events.length; k += batch.capacity()) {
                int n = Math.min(batch.capacity(), events.length - k);
                for (int i = 0; i < n; i++) {
                    events[k + i].setTimestamp(1_700_000_000_000L + t * 1000L);
                    batch.add(events[k + i], states[k + i]);
                }
                batch.step();
                for (int i = 0; i < n; i++) {
                    Prediction p = batch.result(i);
                    bytes += json == null ? p.length : json.toBytes(p).length;
                }
                batch.clear();
            }
        }
        long ns = cpuNanos() - start;
        if (bytes == 42) {
            System.out.print("");
        }
        return (double) ns / ((long) perKey * events.length);
    }

    /** CPU time of this thread: the machine is shared, and waiting for a core is not the cost. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void print(int hidden, String part, double ns) {
        System.out.println(
                String.format(Locale.ROOT, "%6d  %-18s %10.0f  %9.0f", hidden, part, ns, 1e9 / ns));
    }
}
