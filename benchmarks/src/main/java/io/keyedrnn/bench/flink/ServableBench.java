package io.keyedrnn.bench.flink;

import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Locale;
import java.util.Map;

/**
 * The keyed step without Flink, one thread (not a test): what one event costs in the servable alone
 * and with its JSON output, over many keys' states, to split the job's cost into parts.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.flink.ServableBench
 *   [--keys 200000] [--events-per-key 20] [--hidden 32,64,128] [--features 4]</pre>
 */
public final class ServableBench {
    private ServableBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = ThroughputBench.Args.parse(args);
        int keys = Integer.parseInt(a.getOrDefault("keys", "200000"));
        int perKey = Integer.parseInt(a.getOrDefault("events-per-key", "20"));
        int features = Integer.parseInt(a.getOrDefault("features", "4"));
        System.out.println("hidden  part                 ns/event  events/s (one core)");
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
            run(sv, events, states, perKey, null); // warm-up
            print(hidden, "servable.process", run(sv, events, states, perKey, null));
            print(
                    hidden,
                    "process + JSON",
                    run(sv, events, states, perKey, new PredictionJson(false)));
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

    /** ns per event over perKey rounds of all keys. */
    private static double run(
            ModelServable sv, Event[] events, KeyState[] states, int perKey, PredictionJson json) {
        long bytes = 0;
        long start = System.nanoTime();
        for (int t = 0; t < perKey; t++) {
            for (int k = 0; k < events.length; k++) {
                events[k].setTimestamp(1_700_000_000_000L + t * 1000L);
                Prediction p = sv.process(events[k], states[k]);
                bytes += json == null ? p.length : json.toBytes(p).length;
            }
        }
        long ns = System.nanoTime() - start;
        if (bytes == 42) {
            System.out.print(""); // keeps the work observable
        }
        return (double) ns / ((long) perKey * events.length);
    }

    private static void print(int hidden, String part, double ns) {
        System.out.println(
                String.format(Locale.ROOT, "%6d  %-18s %10.0f  %9.0f", hidden, part, ns, 1e9 / ns));
    }
}
