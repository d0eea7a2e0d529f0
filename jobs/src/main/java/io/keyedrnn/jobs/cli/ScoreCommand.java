package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.kafka.KafkaPreflight;
import io.keyedrnn.jobs.scoring.FlinkSetup;
import io.keyedrnn.jobs.scoring.JobIdentity;
import io.keyedrnn.jobs.scoring.ScoringJob;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn score}: the streaming scoring job against a real Kafka, until stopped. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score a Kafka topic of events with per-key recurrent state in Flink, writing one"
                    + " prediction per event (exactly-once by default) and every unusable record"
                    + " to a dead-letter topic. Runs in this JVM on a local Flink MiniCluster"
                    + " until Ctrl-C or SIGTERM, which stop it with a savepoint; started again"
                    + " with the same settings it resumes from its newest checkpoint or"
                    + " savepoint under checkpoint.dir. On a Flink cluster use"
                    + " 'flink run -c io.keyedrnn.jobs.scoring.ScoringJob keyed-rnn.jar"
                    + " --config FILE' (same options).",
            "Options override the --config file (see config/scoring.yaml)."
        })
public final class ScoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LogOptions logging = new LogOptions();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka")
    String bootstrapServers;

    @Option(names = "--events-topic", paramLabel = "T", description = "input events")
    String eventsTopic;

    @Option(names = "--predictions-topic", paramLabel = "P", description = "output predictions")
    String predictionsTopic;

    @Option(names = "--models-topic", paramLabel = "M", description = "model updates (compacted)")
    String modelsTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "D", description = "unusable records")
    String deadLetterTopic;

    @Option(names = "--model", paramLabel = "FILE", description = "start-up model file")
    Path model;

    @Option(names = "--config", paramLabel = "FILE", description = "settings file")
    Path config;

    @Option(
            names = "--fresh",
            description =
                    "start from empty state on purpose; the job's previous checkpoints are"
                            + " renamed aside, not deleted")
    boolean fresh;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description = "resume from this savepoint or checkpoint directory instead")
    String fromSavepoint;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "any setting, e.g. --set delivery.guarantee=at-least-once")
    Map<String, String> overrides;

    @Override
    public Integer call() throws Exception {
        logging.apply("score", spec.commandLine().getErr());
        ScoringJobConfig c = settings();
        PrintWriter err = spec.commandLine().getErr();
        err.println("score: settings " + c.masked());
        try {
            KafkaPreflight.check(c);
        } catch (IllegalStateException e) {
            throw new JobException(JobException.FAILED, e.getMessage(), e);
        }
        ScoringJob job;
        try {
            job = ScoringJob.kafka(c);
        } catch (IllegalArgumentException | IOException e) {
            throw JobException.badInput(e.getMessage());
        }
        String warning = job.startupModelWarning();
        if (warning != null) {
            err.println("score: warning: " + warning);
        }
        JobIdentity identity = JobIdentity.of(c);
        ScoreRun run = ResumeChoice.decide(identity, fresh, fromSavepoint, c, err);
        Configuration conf = FlinkSetup.configuration(c);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        job.build(env);
        return run.run(env, conf, c.get("job.name", "keyed-rnn scoring"));
    }

    private ScoringJobConfig settings() {
        Map<String, String> m = new HashMap<>();
        if (overrides != null) {
            m.putAll(overrides);
        }
        put(m, "bootstrap.servers", bootstrapServers);
        put(m, "events.topic", eventsTopic);
        put(m, "predictions.topic", predictionsTopic);
        put(m, "models.topic", modelsTopic);
        put(m, "dead.letter.topic", deadLetterTopic);
        put(m, "model.path", model == null ? null : model.toString());
        try {
            ScoringJobConfig c = ScoringJobConfig.load(config, m);
            for (String key :
                    new String[] {
                        "bootstrap.servers",
                        "events.topic",
                        "predictions.topic",
                        "models.topic",
                        "dead.letter.topic"
                    }) {
                c.required(key);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
