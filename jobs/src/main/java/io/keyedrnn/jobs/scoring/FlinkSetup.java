package io.keyedrnn.jobs.scoring;

import io.keyedrnn.jobs.common.JobSettings;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration of the scoring job from its settings: state backend, checkpointing,
 * network buffer timeout, parallelism limits, and any {@code flink.*} pass-through (which wins).
 */
public final class FlinkSetup {
    private FlinkSetup() {}

    public static Configuration configuration(ScoringJobConfig c) {
        Configuration f = new Configuration();
        f.setString("state.backend.type", c.stateBackend());
        f.setString(
                "execution.checkpointing.interval",
                c.get(JobSettings.CHECKPOINT_INTERVAL_MS) + " ms");
        f.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        // Flink's 100 ms default would be most of the at-least-once latency (BENCHMARKS.md).
        f.setString(
                "execution.buffer-timeout.interval", c.get(JobSettings.BUFFER_TIMEOUT_MS) + " ms");
        f.setString("execution.checkpointing.dir", c.checkpointDir());
        f.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        f.setString("pipeline.max-parallelism", String.valueOf(c.get(JobSettings.MAX_PARALLELISM)));
        long parallelism = c.get(JobSettings.PARALLELISM);
        if (parallelism > 0) {
            f.setString("parallelism.default", String.valueOf(parallelism));
        }
        // Every type has an explicit serializer; a Kryo fallback would be a bug.
        f.setString("pipeline.generic-types", "false");
        if (c.stateBackend().equals("rocksdb")) {
            f.setString("execution.checkpointing.incremental", "true");
        }
        c.withPrefix("flink.").forEach(f::setString);
        return f;
    }
}
