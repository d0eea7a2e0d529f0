package io.keyedrnn.bench.flink;

import io.keyedrnn.bench.flink.ThroughputReport.Pipeline;
import io.keyedrnn.flink.ParsedRecord;
import io.keyedrnn.flink.ParsedRecordType;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.flink.ScoringPipeline;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.PredictionFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 *   [--parallelism 2] [--features 4] [--batch 32,1] [--ring 32]
 *   [--warmup-events-per-key 2] [--repeats 3] [--buffer-timeout-ms 10] [--format json,cbor]</pre>
 *
 * For each backend and hidden size the pipelines (one scoring job per {@code --batch} size, 1:
 * unbatched, and {@code --format} prediction format, json by default; then state-only) first run
 * once unrecorded on {@code --warmup-events-per-key} events per key (0: no warm-up), since the
 * first job in a JVM runs 25–45% slower while the JIT compiles; then {@code --repeats} times each,
 * the order reversed on every other repeat. Prints every run, each repeat's ratios scoring /
 * state-only, and the median and best per pipeline. {@code --ring} sets {@code ring.size} for both
 * pipelines' states; {@code --buffer-timeout-ms} lists Flink's network buffer timeouts to run all
 * pipelines with (default: the scoring job's {@code buffer.timeout.ms}). Each run includes job
 * start-up (about a second), so long runs are fairer.
 */
public final class ThroughputBench {
    private ThroughputBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        Plan plan = Plan.of(a);
        for (String backend : a.getOrDefault("backend", "hashmap,rocksdb").split(",")) {
            for (String h : a.getOrDefault("hidden", "32,64,128").split(",")) {
                for (long timeout : plan.bufferTimeoutsMs()) {
                    System.out.println("buffer timeout " + timeout + " ms");
                    bench(plan, backend.trim(), Integer.parseInt(h.trim()), timeout);
                }
            }
        }
    }

    /** What every run shares, from the options. */
    record Plan(
            int keys,
            int perKey,
            int warmupPerKey,
            int repeats,
            int parallelism,
            int features,
            List<Long> bufferTimeoutsMs,
            List<Pipeline> pipelines,
            Map<String, String> scoringConfig) {
        static Plan of(Map<String, String> a) {
            List<Pipeline> pipelines = new ArrayList<>();
            for (String b : a.getOrDefault("batch", "32,1").split(",")) {
                for (String f : a.getOrDefault("format", "json").split(",")) {
                    pipelines.add(
                            new Pipeline(Integer.parseInt(b.trim()), PredictionFormat.fromId(f)));
                }
            }
            pipelines.add(Pipeline.STATE_ONLY);
            List<Long> timeouts = new ArrayList<>();
            String jobDefault = String.valueOf(JobSettings.BUFFER_TIMEOUT_MS.defaultValue());
            for (String t : a.getOrDefault("buffer-timeout-ms", jobDefault).split(",")) {
                timeouts.add(Long.parseLong(t.trim()));
            }
            return new Plan(
                    Integer.parseInt(a.getOrDefault("keys", "200000")),
                    Integer.parseInt(a.getOrDefault("events-per-key", "20")),
                    Integer.parseInt(a.getOrDefault("warmup-events-per-key", "2")),
                    Integer.parseInt(a.getOrDefault("repeats", "3")),
                    Integer.parseInt(a.getOrDefault("parallelism", "2")),
                    Integer.parseInt(a.getOrDefault("features", "4")),
                    List.copyOf(timeouts),
                    List.copyOf(pipelines),
                    a.containsKey("ring") ? Map.of("ring.size", a.get("ring")) : Map.of());
        }
    }

    private static void bench(Plan plan, String backend, int hidden, long timeout)
            throws Exception {
        byte[] model = model(plan.features(), hidden);
        ThroughputReport report = new ThroughputReport(backend, hidden, plan.pipelines());
        if (plan.warmupPerKey() > 0) {
            long events = (long) plan.keys() * plan.warmupPerKey();
            for (Pipeline p : plan.pipelines()) {
                report.warmup(p, events, run(plan, backend, timeout, events, model, p));
            }
        }
        long events = (long) plan.keys() * plan.perKey();
        for (int r = 0; r < plan.repeats(); r++) {
            List<Pipeline> order = new ArrayList<>(plan.pipelines());
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (Pipeline p : order) {
                report.run(r, p, events, run(plan, backend, timeout, events, model, p));
            }
            report.endRepeat(r, order);
        }
        report.summary();
    }

    static byte[] model(int features, int hidden) {
        return ModelFile.toBytes(
                new Model(
                        NetworkFactory.random(
                                NetworkSpec.numeric(CellKind.LSTM, features, hidden, 1), 1),
                        ModelMetadata.empty().withVersion(1)));
    }

    /** Runs one pipeline to completion; returns its net runtime in s. */
    static double run(
            Plan plan, String backend, long timeout, long events, byte[] model, Pipeline p)
            throws Exception {
        // Leftovers of the previous job should not be collected during this one.
        System.gc();
        boolean scoring = !p.equals(Pipeline.STATE_ONLY);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        configuration(plan, backend, timeout));
        KeyedStream<ParsedRecord, String> keyed =
                env.fromSequence(0, events - 1)
                        .map(new GeneratedEvents(plan.keys(), plan.features()))
                        .returns(ParsedRecordType.INSTANCE)
                        .keyBy(ParsedRecord::key, Types.STRING);
        DataStream<org.apache.flink.api.java.tuple.Tuple2<String, byte[]>> out;
        if (scoring) {
            DataStream<RawRecord> noModels =
                    env.fromData(List.of(new RawRecord(null, "none", 0, 0, 0))).setParallelism(1);
            ScoringOptions options =
                    new ScoringOptions()
                            .scoring(plan.scoringConfig())
                            .startupModel(model, "benchmark model")
                            .ringInOwnState(backend.equals("rocksdb")) // as the job chooses
                            .predictionFormat(p.format())
                            .batching(p.batch(), ScoringOptions.DEFAULT_BATCH_DELAY_MS);
            out = ScoringPipeline.score(keyed, noModels, options);
        } else {
            out =
                    keyed.process(
                            new StateOnlyFunction(model, plan.scoringConfig()),
                            ScoringPipeline.PREDICTION_TYPE);
        }
        out.sinkTo(new DiscardingSink<>());
        JobExecutionResult r = env.execute("throughput " + p.name());
        return r.getNetRuntime() / 1000.0;
    }

    private static Configuration configuration(Plan plan, String backend, long timeout) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", backend);
        conf.setString("parallelism.default", String.valueOf(plan.parallelism()));
        conf.setString("pipeline.max-parallelism", "128");
        conf.setString("pipeline.generic-types", "false");
        conf.setString("execution.buffer-timeout.interval", timeout + " ms");
        // RocksDB's block cache and write buffers come from managed memory; give it room.
        conf.setString("taskmanager.memory.managed.size", backend.equals("rocksdb") ? "1g" : "64m");
        return conf;
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
