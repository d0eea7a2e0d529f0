package io.keyedrnn.bench.flink;

import io.keyedrnn.flink.ParsedRecord;
import io.keyedrnn.flink.ParsedRecordType;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.flink.ScoringPipeline;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Job throughput (not a test): generated events → keyBy → keyed LSTM scoring → discarding sink,
 * against the same pipeline whose function only reads and writes an equally sized state.
 *
 * <pre>java -Xmx6g -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.flink.ThroughputBench
 *   [--keys 200000] [--events-per-key 20] [--hidden 32,64,128] [--backend hashmap,rocksdb]
 *   [--parallelism 2] [--features 4] [--batch 32,1] [--ring 32]</pre>
 *
 * Prints one line per run: backend, hidden, pipeline, events, seconds, events/s, and the ratio of
 * scoring to state-only; {@code --batch} lists the scoring job's batch sizes (1: unbatched), {@code
 * --ring} sets {@code ring.size} for both pipelines' states. Each run includes job start-up (about
 * a second), so long runs are fairer.
 */
public final class ThroughputBench {
    private ThroughputBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        int keys = Integer.parseInt(a.getOrDefault("keys", "200000"));
        int perKey = Integer.parseInt(a.getOrDefault("events-per-key", "20"));
        int parallelism = Integer.parseInt(a.getOrDefault("parallelism", "2"));
        int features = Integer.parseInt(a.getOrDefault("features", "4"));
        long events = (long) keys * perKey;
        Map<String, String> config =
                a.containsKey("ring") ? Map.of("ring.size", a.get("ring")) : Map.of();
        System.out.println(
                "backend   hidden  pipeline       events      seconds  events/s   ratio");
        for (String backend : a.getOrDefault("backend", "hashmap,rocksdb").split(",")) {
            for (String h : a.getOrDefault("hidden", "32,64,128").split(",")) {
                int hidden = Integer.parseInt(h.trim());
                byte[] model = model(features, hidden);
                List<Integer> sizes = new ArrayList<>();
                List<Double> scoring = new ArrayList<>();
                for (String b : a.getOrDefault("batch", "32,1").split(",")) {
                    sizes.add(Integer.parseInt(b.trim()));
                    scoring.add(
                            run(
                                    backend,
                                    parallelism,
                                    keys,
                                    features,
                                    events,
                                    model,
                                    config,
                                    sizes.get(sizes.size() - 1)));
                }
                double stateOnly =
                        run(backend, parallelism, keys, features, events, model, config, 0);
                for (int i = 0; i < sizes.size(); i++) {
                    print(
                            backend,
                            hidden,
                            "scoring b=" + sizes.get(i),
                            events,
                            scoring.get(i),
                            stateOnly / scoring.get(i));
                }
                print(backend, hidden, "state-only", events, stateOnly, Double.NaN);
            }
        }
    }

    private static void print(
            String backend, int hidden, String what, long events, double seconds, double ratio) {
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "%-9s %6d  %-12s %9d %10.2f %9.0f   %s",
                        backend,
                        hidden,
                        what,
                        events,
                        seconds,
                        events / seconds,
                        Double.isNaN(ratio)
                                ? ""
                                : String.format(Locale.ROOT, "%.0f%% of state-only", 100 * ratio)));
        System.out.flush();
    }

    static byte[] model(int features, int hidden) {
        return ModelFile.toBytes(
                new Model(
                        NetworkFactory.random(
                                NetworkSpec.numeric(CellKind.LSTM, features, hidden, 1), 1),
                        ModelMetadata.empty().withVersion(1)));
    }

    /** Runs one pipeline to completion; returns its net runtime in seconds. */
    static double run(
            String backend,
            int parallelism,
            int keys,
            int features,
            long events,
            byte[] model,
            Map<String, String> scoringConfig,
            int batch)
            throws Exception {
        boolean scoring = batch > 0;
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", backend);
        conf.setString("parallelism.default", String.valueOf(parallelism));
        conf.setString("pipeline.max-parallelism", "128");
        conf.setString("pipeline.generic-types", "false");
        // RocksDB's block cache and write buffers come from managed memory; give it room.
        conf.setString("taskmanager.memory.managed.size", backend.equals("rocksdb") ? "1g" : "64m");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        KeyedStream<ParsedRecord, String> keyed =
                env.fromSequence(0, events - 1)
                        .map(new GeneratedEvents(keys, features))
                        .returns(ParsedRecordType.INSTANCE)
                        .keyBy(ParsedRecord::key, Types.STRING);
        DataStream<org.apache.flink.api.java.tuple.Tuple2<String, byte[]>> out;
        if (scoring) {
            DataStream<RawRecord> noModels =
                    env.fromData(List.of(new RawRecord(null, "none", 0, 0, 0))).setParallelism(1);
            ScoringOptions options =
                    new ScoringOptions()
                            .scoring(scoringConfig)
                            .startupModel(model, "benchmark model")
                            .batching(batch, ScoringOptions.DEFAULT_BATCH_DELAY_MS);
            out = ScoringPipeline.score(keyed, noModels, options);
        } else {
            out =
                    keyed.process(
                            new StateOnlyFunction(model, scoringConfig),
                            ScoringPipeline.PREDICTION_TYPE);
        }
        out.sinkTo(new DiscardingSink<>());
        JobExecutionResult r =
                env.execute("throughput " + (scoring ? "scoring b=" + batch : "state-only"));
        return r.getNetRuntime() / 1000.0;
    }

    /** --name value pairs (shared by the benchmark mains). */
    public static final class Args {
        public static Map<String, String> parse(String[] args) {
            Map<String, String> m = new java.util.HashMap<>();
            List<String> list = new ArrayList<>(List.of(args));
            for (int i = 0; i + 1 < list.size(); i += 2) {
                if (!list.get(i).startsWith("--")) {
                    throw new IllegalArgumentException("expected --name value, got " + list.get(i));
                }
                m.put(list.get(i).substring(2), list.get(i + 1));
            }
            return m;
        }
    }
}
