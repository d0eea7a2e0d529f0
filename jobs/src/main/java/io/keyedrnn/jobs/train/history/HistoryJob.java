package io.keyedrnn.jobs.train.history;

import io.keyedrnn.jobs.kafka.HistorySource;
import io.keyedrnn.jobs.local.LocalFlink;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.InvalidProgramException;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.RemoteStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The Flink part of retraining: reads a bounded history in BATCH mode, parses it with the serving
 * parser, groups it by key and orders each key by time, and collects it to the client.
 *
 * <p>Files are read in parallel, one task per file (paths must be readable where the tasks run: on
 * the local machine for {@code bin/keyed-rnn train}); Kafka partitions are read in parallel between
 * the configured start and end offsets. Rejected records are counted by reason. The result is
 * brought to the client, where training runs ({@code RetrainJob}).
 */
public final class HistoryJob {
    private HistoryJob() {}

    /**
     * Reads the history on a MiniCluster in this JVM that stays up until every result is collected.
     * (With Flink's per-job local cluster, the cluster shuts down as the job finishes while the
     * result fetcher still asks for the job's status: "Some data might be lost" warnings.)
     */
    public static History readLocally(HistoryInput s, ReadSpec spec) throws Exception {
        Configuration conf = configuration(s);
        if (inPredefinedContext()) {
            // A test's MiniCluster (or a Flink client) already provides the environment.
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            if (s.parallelism() > 0) {
                env.setParallelism(s.parallelism());
            }
            return read(env, s, spec);
        }
        int slots =
                s.parallelism() > 0 ? s.parallelism() : Runtime.getRuntime().availableProcessors();
        try (LocalFlink flink = LocalFlink.start(1, slots, conf)) {
            URI rest = flink.cluster().getRestAddress().get();
            StreamExecutionEnvironment env =
                    new RemoteStreamEnvironment(rest.getHost(), rest.getPort(), conf);
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            env.setParallelism(slots);
            return read(env, s, spec);
        }
    }

    /** Whether Flink has a context environment here (a remote one then cannot be made). */
    private static boolean inPredefinedContext() {
        try {
            new RemoteStreamEnvironment("127.0.0.1", 8081, new Configuration());
            return false;
        } catch (InvalidProgramException e) {
            return true;
        }
    }

    /** The reading job's configuration: BATCH mode, parallelism and {@code flink.*} set. */
    private static Configuration configuration(HistoryInput s) {
        Configuration conf = new Configuration();
        conf.setString("execution.runtime-mode", "BATCH");
        if (s.parallelism() > 0) {
            conf.setString("parallelism.default", String.valueOf(s.parallelism()));
        }
        s.flink().forEach(conf::setString);
        return conf;
    }

    /** Runs the job and returns the history. */
    public static History read(StreamExecutionEnvironment env, HistoryInput s, ReadSpec spec)
            throws Exception {
        SingleOutputStreamOperator<ParsedEvent> parsed =
                s.fromKafka() ? kafka(env, s, spec) : files(env, s, spec);
        DataStream<HistoryRecord> series =
                parsed.keyBy(e -> e.key).process(new HistoryFunctions.CollectKey()).name("by key");
        DataStream<HistoryRecord> skipped =
                parsed.getSideOutput(HistoryFunctions.REJECTED)
                        .keyBy(r -> r.reason)
                        .reduce(HistoryRecord::sum)
                        .name("skip counts");
        try (CloseableIterator<HistoryRecord> it =
                series.union(skipped).executeAndCollect(s.jobName())) {
            return History.collect(it, s.describe());
        }
    }

    private static SingleOutputStreamOperator<ParsedEvent> files(
            StreamExecutionEnvironment env, HistoryInput s, ReadSpec spec) {
        List<Integer> indices = new ArrayList<>();
        IntStream.range(0, s.files().size()).forEach(indices::add);
        return env.fromData(indices)
                .name("event files")
                .rebalance()
                .process(new HistoryFunctions.ReadFiles(s.files(), spec))
                .name("read and parse");
    }

    private static SingleOutputStreamOperator<ParsedEvent> kafka(
            StreamExecutionEnvironment env, HistoryInput s, ReadSpec spec) {
        return env.fromSource(
                        HistorySource.of(s.kafka()),
                        WatermarkStrategy.noWatermarks(),
                        "events topic")
                .process(new HistoryFunctions.ParseKafka(spec))
                .name("parse");
    }
}
