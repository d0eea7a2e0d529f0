package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.scoring.SettingsFile;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every setting of {@code keyed-rnn train}, typed and checked. Built from one flat map: the {@code
 * --config} file with command-line options on top; {@link #KEYS} lists the keys ({@code
 * config/train.properties} documents them), plus the pass-throughs {@code kafka.X} (every Kafka
 * client), {@code flink.X} (the Flink configuration) and {@code scoring.X} (the scoring settings
 * used while calibrating, e.g. {@code scoring.min.key.errors}). An unknown key is an error.
 */
final class TrainSettings {
    static final Set<String> KEYS =
            Set.of(
                    "events.files",
                    "bootstrap.servers",
                    "events.topic",
                    "start.offsets",
                    "end.offsets",
                    "input.kind",
                    "input.features",
                    "feature.names",
                    "fields.key",
                    "fields.ts",
                    "fields.features",
                    "fields.token",
                    "csv.key",
                    "csv.ts",
                    "csv.token",
                    "csv.features",
                    "out",
                    "init",
                    "publish",
                    "models.topic",
                    "models.key",
                    "version",
                    "cell",
                    "layers",
                    "hidden",
                    "embedding",
                    "epochs",
                    "optimizer",
                    "lr",
                    "momentum",
                    "batch.keys",
                    "tbptt",
                    "clip",
                    "seed",
                    "shuffle",
                    "threads",
                    "normalize",
                    "validation.fraction",
                    "patience",
                    "false.alarm.rate",
                    "vocabulary.size",
                    "unknown.tokens",
                    "parallelism",
                    "broker.timeout.ms",
                    "job.name");

    /** Scoring settings that calibration computes, so they cannot be given. */
    private static final Set<String> CALIBRATED = Set.of("threshold", "top.g");

    final SettingsMap raw;
    final List<Path> files = new ArrayList<>();
    final String bootstrapServers;
    final String eventsTopic;
    final String startOffsets;
    final String endOffsets;
    final boolean categorical;
    final int features;
    final List<String> featureNames;
    final EventFields fields;
    final CsvLayout.Columns csv;
    final Path out;
    final Path init;
    final boolean publish;
    final String modelsTopic;
    final String modelsKey;
    final Long version;
    final CellKind cell;
    final OptimizerKind optimizer;
    final int layers, hidden, embedding, epochs, batchKeys, tbptt, patience, threads;
    final double lr, momentum, clip;
    final long seed;
    final boolean shuffle;
    final boolean zscore;
    final double validationFraction;
    final double falseAlarmRate;
    final int vocabularySize;
    final boolean unknownAsUnk;
    final Map<String, String> scoring;
    final int parallelism;
    final long kafkaTimeoutMs;
    final String jobName;

    private TrainSettings(SettingsMap m) {
        raw = m;
        checkKeys(m);
        m.list("events.files").forEach(f -> files.add(Path.of(f)));
        bootstrapServers = m.text("bootstrap.servers", null);
        eventsTopic = m.text("events.topic", null);
        startOffsets = m.text("start.offsets", "earliest");
        endOffsets = m.text("end.offsets", "latest");
        categorical =
                m.choice("input.kind", "numeric", "numeric", "categorical").equals("categorical");
        features = m.integer("input.features", 0, 0);
        featureNames = m.list("feature.names");
        EventFields d = EventFields.DEFAULT;
        fields =
                new EventFields(
                        m.text("fields.key", d.key()),
                        m.text("fields.ts", d.timestamp()),
                        m.text("fields.features", d.features()),
                        m.text("fields.token", d.token()));
        csv =
                new CsvLayout.Columns(
                        m.text("csv.key", "key"),
                        m.text("csv.ts", "ts"),
                        m.text("csv.token", "token"),
                        m.list("csv.features"));
        out = Path.of(m.required("out", "(--out FILE: where the model file goes)"));
        init = m.has("init") ? Path.of(m.text("init", "")) : null;
        publish = m.flag("publish", false);
        modelsTopic = m.text("models.topic", null);
        modelsKey = m.text("models.key", "model");
        version = m.has("version") ? m.whole("version", 1, 1) : null;
        cell = parse("cell", () -> CellKind.fromId(m.text("cell", "lstm")));
        optimizer = parse("optimizer", () -> OptimizerKind.fromId(m.text("optimizer", "adam")));
        layers = m.integer("layers", 1, 1);
        hidden = m.integer("hidden", 32, 1);
        embedding = m.integer("embedding", 16, 1);
        epochs = m.integer("epochs", 30, 1);
        batchKeys = m.integer("batch.keys", 32, 1);
        tbptt = m.integer("tbptt", 64, 0);
        patience = m.integer("patience", 5, 0);
        threads = m.integer("threads", 1, 1);
        lr = m.positive("lr", 0.003);
        momentum = m.decimal("momentum", 0, 0, 0.999999);
        clip = m.decimal("clip", 1.0, 0, 1e12);
        seed = m.whole("seed", 42, Long.MIN_VALUE);
        shuffle = m.flag("shuffle", true);
        zscore = m.choice("normalize", "zscore", "zscore", "none").equals("zscore");
        validationFraction = m.decimal("validation.fraction", 0.2, 0.001, 0.9);
        falseAlarmRate = m.decimal("false.alarm.rate", 0.01, 1e-9, 0.5);
        vocabularySize = m.integer("vocabulary.size", 1000, 2);
        unknownAsUnk = m.choice("unknown.tokens", "unk", "unk", "skip").equals("unk");
        scoring = m.withPrefix("scoring.");
        parallelism = m.integer("parallelism", 0, 0);
        kafkaTimeoutMs = m.whole("broker.timeout.ms", 30_000, 1);
        jobName = m.text("job.name", "keyed-rnn retrain");
        checkCombinations();
    }

    /** Settings from a file (null: none) with overrides (null: none) on top. */
    static TrainSettings load(Path file, Map<String, String> overrides) {
        Map<String, String> m = new TreeMap<>();
        if (file != null) {
            m.putAll(SettingsFile.read(file));
        }
        if (overrides != null) {
            overrides.forEach((k, v) -> m.put(k, v));
        }
        m.values().removeIf(v -> v == null);
        String source = file != null ? file + " and the command line" : "the command line";
        return new TrainSettings(new SettingsMap(m, source));
    }

    private static void checkKeys(SettingsMap m) {
        Set<String> unknown = new TreeSet<>();
        for (String k : m.values().keySet()) {
            boolean known =
                    KEYS.contains(k)
                            || k.startsWith("kafka.")
                            || k.startsWith("flink.")
                            || k.startsWith("scoring.");
            if (!known) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown setting(s) "
                            + unknown
                            + " in "
                            + m.source()
                            + "; known: "
                            + new TreeSet<>(KEYS)
                            + " and kafka.*, flink.*, scoring.*");
        }
    }

    private void checkCombinations() {
        boolean kafka = bootstrapServers != null || eventsTopic != null;
        if (files.isEmpty() == !kafka
                || kafka && (bootstrapServers == null || eventsTopic == null)) {
            throw new IllegalArgumentException(
                    "give either --events FILE (one or more) or --bootstrap-servers H:P with"
                            + " --events-topic T");
        }
        if (publish && (modelsTopic == null || bootstrapServers == null)) {
            throw new IllegalArgumentException(
                    "--publish needs --models-topic M and --bootstrap-servers H:P");
        }
        if (modelsTopic != null && bootstrapServers == null) {
            throw new IllegalArgumentException("--models-topic needs --bootstrap-servers H:P");
        }
        for (String k : CALIBRATED) {
            if (scoring.containsKey(k)) {
                throw new IllegalArgumentException(
                        "setting 'scoring." + k + "' is what calibration computes; remove it");
            }
        }
        Set<String> unknownScoring = new TreeSet<>(scoring.keySet());
        unknownScoring.removeAll(ScoringConfig.KEYS);
        if (!unknownScoring.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown scoring setting(s) "
                            + unknownScoring
                            + " (after 'scoring.'); known: "
                            + new TreeSet<>(ScoringConfig.KEYS));
        }
        parse("scoring.*", () -> ScoringConfig.fromMap(scoring));
        if (!featureNames.isEmpty() && categorical) {
            throw new IllegalArgumentException("feature.names is for numeric input");
        }
    }

    private <T> T parse(String key, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "setting '" + key + "' in " + raw.source() + ": " + e.getMessage(), e);
        }
    }

    /** Whether history comes from Kafka (else from files). */
    boolean fromKafka() {
        return files.isEmpty();
    }

    /** The scoring settings of the calibration passes (the deployment's, minus thresholds). */
    ScoringConfig scoringConfig() {
        return ScoringConfig.fromMap(scoring).withLikelihood(0, 500);
    }

    /** The trainer's configuration; init null for fresh weights, vocabulary 0 for numeric. */
    TrainConfig trainConfig(RecurrentNetwork initNetwork, int vocabulary) {
        return TrainConfig.builder()
                .cell(cell)
                .layers(layers)
                .hidden(hidden)
                .embedding(embedding)
                .vocabulary(vocabulary)
                .epochs(epochs)
                .optimizer(optimizer)
                .lr(lr)
                .momentum(momentum)
                .batchKeys(batchKeys)
                .tbptt(tbptt)
                .clip(clip)
                .seed(seed)
                .shuffle(shuffle)
                .patience(patience)
                .init(initNetwork)
                .threads(threads)
                .build();
    }
}
