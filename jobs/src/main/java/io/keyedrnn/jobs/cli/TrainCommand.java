package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.train.Retraining;
import io.keyedrnn.jobs.train.TrainingOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn train}: the retraining job ({@link Retraining}) from the command line. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a model on a bounded range of history (Kafka or .jsonl/.csv files), calibrate"
                    + " its scorer, write it with a report (<out>.report.html) and optionally"
                    + " publish it to the models topic.",
            "Options override the --config file (keys as in config/train.properties); --set"
                    + " KEY=VALUE sets any key. Exit codes: 0 done, 1 failed (diverged, not"
                    + " better than the current model, Kafka unreachable), 2 usage error.",
            "--every DURATION runs it again on a schedule (with --init current, warm from the"
                    + " model in service) until SIGINT/SIGTERM or --rounds; a refused or failed"
                    + " round keeps the model in service. Exit code then: 0 when a round wrote a"
                    + " model, else 1."
        })
public final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LogOptions logging = new LogOptions();

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "training settings file (properties)")
    Path config;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "history file, .jsonl or .csv with a header (repeatable)")
    List<String> events;

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", description = "Kafka brokers")
    String bootstrapServers;

    @Option(
            names = "--events-topic",
            paramLabel = "T",
            description = "topic to read the history from")
    String eventsTopic;

    @Option(
            names = "--start-offsets",
            paramLabel = "S",
            description = "earliest (default), TIMESTAMP_MS or P=O,...")
    String startOffsets;

    @Option(
            names = "--end-offsets",
            paramLabel = "E",
            description = "latest (default), TIMESTAMP_MS or P=O,...")
    String endOffsets;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "model file to write (.safetensors)")
    String out;

    @Option(
            names = "--init",
            paramLabel = "FILE",
            description =
                    "warm start from this model (keeps its normaliser and vocabulary); current:"
                            + " the newest model on --models-topic")
    String init;

    @Option(
            names = "--every",
            paramLabel = "DURATION",
            description = "run again every DURATION (90s, 30m, 2h, 1d) until stopped")
    String every;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "with --every: stop after N rounds (0 = until stopped)")
    String rounds;

    @Option(
            names = "--cell",
            paramLabel = "C",
            description = "lstm (default), gru, gru_cho, rnn_tanh, rnn_relu")
    String cell;

    @Option(
            names = "--head",
            paramLabel = "H",
            description =
                    "linear (default: next-step values) or gaussian (each feature's mean and"
                            + " variance, Gaussian NLL)")
    String head;

    @Option(names = "--layers", paramLabel = "N", description = "stacked layers (1)")
    String layers;

    @Option(names = "--hidden", paramLabel = "N", description = "hidden units per layer (32)")
    String hidden;

    @Option(names = "--embedding", paramLabel = "N", description = "token embedding size (16)")
    String embedding;

    @Option(names = "--epochs", paramLabel = "N", description = "maximum epochs (30)")
    String epochs;

    @Option(names = "--optimizer", paramLabel = "O", description = "adam (default) or sgd")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate (0.003)")
    String lr;

    @Option(names = "--batch-keys", paramLabel = "N", description = "keys per mini-batch (32)")
    String batchKeys;

    @Option(
            names = "--tbptt",
            paramLabel = "N",
            description = "steps per truncated-BPTT chunk, 0 = whole history (64)")
    String tbptt;

    @Option(names = "--clip", paramLabel = "X", description = "gradient norm clip, 0 = off (1.0)")
    String clip;

    @Option(names = "--seed", paramLabel = "N", description = "seed of weights and shuffling (42)")
    String seed;

    @Option(
            names = "--no-shuffle",
            description = "keep keys in key order instead of shuffling each epoch")
    Boolean noShuffle;

    @Option(names = "--threads", paramLabel = "N", description = "trainer threads (1)")
    String threads;

    @Option(names = "--normalize", paramLabel = "N", description = "zscore (default) or none")
    String normalize;

    @Option(
            names = "--validation-fraction",
            paramLabel = "F",
            description =
                    "last fraction of each key held out (0.2); 0 = none: train every epoch on"
                            + " every event, calibrate on them, no comparison with the current"
                            + " model")
    String validationFraction;

    @Option(
            names = "--patience",
            paramLabel = "N",
            description = "epochs without a better validation loss before stopping, 0 = off (5)")
    String patience;

    @Option(
            names = "--false-alarm-rate",
            paramLabel = "R",
            description = "fraction of validation events the threshold flags (0.01)")
    String falseAlarmRate;

    @Option(
            names = "--token",
            description = "categorical events (a token per event) instead of numeric features")
    Boolean token;

    @Option(
            names = "--vocabulary-size",
            paramLabel = "N",
            description = "most tokens kept, <unk> included (1000)")
    String vocabularySize;

    @Option(
            names = "--unknown-tokens",
            paramLabel = "M",
            description = "unk (default): map to <unk>; skip: drop the events")
    String unknownTokens;

    @Option(
            names = "--features",
            paramLabel = "N",
            description = "features per event; 0 = the most common count (0)")
    String features;

    @Option(names = "--publish", description = "publish the model to --models-topic")
    Boolean publish;

    @Option(
            names = "--publish-unvalidated",
            description =
                    "with --publish and --validation-fraction 0: publish although the model's"
                            + " validation loss cannot be measured")
    Boolean publishUnvalidated;

    @Option(
            names = "--models-topic",
            paramLabel = "M",
            description = "models topic (newest model there is the current one)")
    String modelsTopic;

    @Option(
            names = "--model-version",
            paramLabel = "N",
            description = "version of the new model (default: current + 1)")
    String version;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "parallelism of the reading job")
    String parallelism;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "any setting, e.g. --set kafka.security.protocol=SSL")
    Map<String, String> set;

    @Override
    public Integer call() throws Exception {
        logging.apply("train", spec.commandLine().getErr());
        boolean terminal = Terminal.interactive();
        Map<String, String> settings = overrides();
        PrintWriter out = spec.commandLine().getOut();
        Retraining.Schedule schedule = Retraining.schedule(config, settings);
        if (schedule.everyMs() != null) {
            StopSignals signals = StopSignals.install(spec.commandLine().getErr(), "train");
            return new TrainSchedule(
                            schedule.everyMs(), schedule.rounds(), out, signals.requested())
                    .run(() -> Retraining.run(config, settings, out, terminal));
        }
        TrainingOutcome outcome = Retraining.run(config, settings, out, terminal);
        if (!outcome.wroteModel()) {
            throw new JobException(JobException.FAILED, outcome.message());
        }
        return 0;
    }

    /** The options given, as settings keys. */
    Map<String, String> overrides() {
        Map<String, String> m = new HashMap<>();
        if (set != null) {
            m.putAll(set);
        }
        if (events != null) {
            m.put("events.files", String.join(",", events));
        }
        put(m, "bootstrap.servers", bootstrapServers);
        put(m, "events.topic", eventsTopic);
        put(m, "start.offsets", startOffsets);
        put(m, "end.offsets", endOffsets);
        put(m, "out", out);
        put(m, "init", init);
        put(m, "retrain.every", every);
        put(m, "retrain.rounds", rounds);
        put(m, "cell", cell);
        put(m, "head", head);
        put(m, "layers", layers);
        put(m, "hidden", hidden);
        put(m, "embedding", embedding);
        put(m, "epochs", epochs);
        put(m, "optimizer", optimizer);
        put(m, "lr", lr);
        put(m, "batch.keys", batchKeys);
        put(m, "tbptt", tbptt);
        put(m, "clip", clip);
        put(m, "seed", seed);
        put(m, "shuffle", Boolean.TRUE.equals(noShuffle) ? "false" : null);
        put(m, "threads", threads);
        put(m, "normalize", normalize);
        put(m, "validation.fraction", validationFraction);
        put(m, "patience", patience);
        put(m, "false.alarm.rate", falseAlarmRate);
        put(m, "input.kind", Boolean.TRUE.equals(token) ? "categorical" : null);
        put(m, "vocabulary.size", vocabularySize);
        put(m, "unknown.tokens", unknownTokens);
        put(m, "input.features", features);
        put(m, "publish", Boolean.TRUE.equals(publish) ? "true" : null);
        put(m, "publish.unvalidated", Boolean.TRUE.equals(publishUnvalidated) ? "true" : null);
        put(m, "models.topic", modelsTopic);
        put(m, "version", version);
        put(m, "parallelism", parallelism);
        return m;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
