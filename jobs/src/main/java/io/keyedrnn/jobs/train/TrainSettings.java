package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.jobs.kafka.TrainKafkaSettings;
import io.keyedrnn.jobs.train.history.CsvLayout;
import io.keyedrnn.jobs.train.history.HistoryInput;
import io.keyedrnn.jobs.train.history.ReadSpec;
import io.keyedrnn.jobs.train.history.RunInputs;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.serve.EventFieldSettings;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.ScoringSettings;
import io.keyedrnn.settings.Setting;
import io.keyedrnn.settings.Settings;
import io.keyedrnn.settings.SettingsLoader;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every setting of {@code keyed-rnn train}, typed and checked. Built from one flat map: the {@code
 * --config} file with command-line options on top. The keys are declared in {@link RetrainSettings}
 * (history and output), {@link TrainingSettings} (the trainer), {@link JobSettings} (Kafka and
 * Flink wiring shared with score) and {@link EventFieldSettings}, plus the pass-throughs {@code
 * kafka.X} (every Kafka client), {@code flink.X} (the Flink configuration) and {@code scoring.X}
 * (the scoring settings used while calibrating, e.g. {@code scoring.min.key.errors}); {@code
 * config/train.properties} documents them. An unknown key is an error.
 */
final class TrainSettings {
    /** The wiring settings the retraining job reads. */
    static final List<Setting<?>> WIRING =
            List.of(
                    JobSettings.BOOTSTRAP_SERVERS,
                    JobSettings.EVENTS_TOPIC,
                    JobSettings.MODELS_TOPIC,
                    JobSettings.INPUT_KIND,
                    JobSettings.INPUT_FEATURES,
                    JobSettings.PARALLELISM,
                    JobSettings.JOB_NAME);

    /** Every key this job reads besides the pass-throughs. */
    static final Set<String> KEYS = keys();

    /** Scoring settings that calibration computes, so they cannot be given. */
    private static final Set<String> CALIBRATED = Set.of("threshold", "top.g");

    final Settings raw;
    final List<Path> files = new ArrayList<>();
    final String bootstrapServers;
    final String eventsTopic;
    final String startOffsets;
    final String endOffsets;
    final boolean categorical;
    final int features;
    final List<String> featureNames;

    /** The calendar inputs asked for, null when unset (none, or the initial model's). */
    final CalendarInputs calendar;

    final EventFields fields;
    final CsvLayout.Columns csv;
    final Path out;
    final Path init;
    final boolean publish;
    final boolean publishUnvalidated;
    final String modelsTopic;
    final String modelsKey;
    final Long version;
    final Long retrainEveryMs;
    final int retrainRounds;
    final CellKind cell;
    final HeadKind head;
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
    final boolean endToken;
    final long sessionGapMs;
    final Map<String, String> scoring;
    final int parallelism;
    final long kafkaTimeoutMs;
    final String jobName;

    private TrainSettings(Settings m) {
        raw = m;
        list(m.get(RetrainSettings.EVENTS_FILES)).forEach(f -> files.add(Path.of(f)));
        bootstrapServers = m.get(JobSettings.BOOTSTRAP_SERVERS);
        eventsTopic = m.get(JobSettings.EVENTS_TOPIC);
        startOffsets = m.get(RetrainSettings.START_OFFSETS);
        endOffsets = m.get(RetrainSettings.END_OFFSETS);
        categorical = m.get(JobSettings.INPUT_KIND).equals("categorical");
        features = m.get(JobSettings.INPUT_FEATURES);
        featureNames = list(m.get(RetrainSettings.FEATURE_NAMES));
        calendar = m.get(RetrainSettings.CALENDAR_INPUTS);
        fields = EventFieldSettings.from(m);
        csv =
                new CsvLayout.Columns(
                        m.get(RetrainSettings.CSV_KEY),
                        m.get(RetrainSettings.CSV_TS),
                        m.get(RetrainSettings.CSV_TOKEN),
                        list(m.get(RetrainSettings.CSV_FEATURES)),
                        m.get(RetrainSettings.CSV_KEY_PER_FILE));
        out = Path.of(m.required(RetrainSettings.OUT, "(--out FILE: where the model file goes)"));
        String initPath = m.get(RetrainSettings.INIT);
        init = initPath != null ? Path.of(initPath) : null;
        publish = m.get(RetrainSettings.PUBLISH);
        publishUnvalidated = m.get(RetrainSettings.PUBLISH_UNVALIDATED);
        modelsTopic = m.get(JobSettings.MODELS_TOPIC);
        modelsKey = m.get(RetrainSettings.MODELS_KEY);
        version = m.get(RetrainSettings.VERSION);
        retrainEveryMs = m.get(RetrainSettings.RETRAIN_EVERY);
        retrainRounds = m.get(RetrainSettings.RETRAIN_ROUNDS);
        cell = m.get(TrainingSettings.CELL);
        head = m.get(TrainingSettings.HEAD);
        optimizer = m.get(TrainingSettings.OPTIMIZER);
        layers = m.get(TrainingSettings.LAYERS);
        hidden = m.get(TrainingSettings.HIDDEN);
        embedding = m.get(TrainingSettings.EMBEDDING);
        epochs = m.get(TrainingSettings.EPOCHS);
        batchKeys = m.get(TrainingSettings.BATCH_KEYS);
        tbptt = m.get(TrainingSettings.TBPTT);
        patience = m.get(TrainingSettings.PATIENCE);
        threads = m.get(TrainingSettings.THREADS);
        lr = m.get(TrainingSettings.LR);
        momentum = m.get(TrainingSettings.MOMENTUM);
        clip = m.get(TrainingSettings.CLIP);
        seed = m.get(TrainingSettings.SEED);
        shuffle = m.get(TrainingSettings.SHUFFLE);
        zscore = m.get(RetrainSettings.NORMALIZE).equals("zscore");
        validationFraction = m.get(RetrainSettings.VALIDATION_FRACTION);
        falseAlarmRate = m.get(RetrainSettings.FALSE_ALARM_RATE);
        vocabularySize = m.get(RetrainSettings.VOCABULARY_SIZE);
        unknownAsUnk = m.get(RetrainSettings.UNKNOWN_TOKENS).equals("unk");
        endToken = m.get(RetrainSettings.SESSION_END_TOKEN);
        sessionGapMs = m.get(ScoringSettings.SESSION_GAP_MS);
        scoring = m.withPrefix(RetrainSettings.SCORING_PREFIX);
        parallelism = m.get(JobSettings.PARALLELISM);
        kafkaTimeoutMs = m.get(RetrainSettings.BROKER_TIMEOUT_MS);
        String name = m.get(JobSettings.JOB_NAME);
        jobName = name != null ? name : "keyed-rnn retrain";
        checkCombinations();
    }

    /** Settings from a file (null: none) with overrides (null: none) on top. */
    static TrainSettings load(Path file, Map<String, String> overrides) {
        return new TrainSettings(loader().load(file, overrides));
    }

    private static SettingsLoader loader() {
        return new SettingsLoader()
                .accept(RetrainSettings.ALL)
                .accept(TrainingSettings.ALL)
                .accept(WIRING)
                .accept(EventFieldSettings.ALL)
                .accept(List.of(ScoringSettings.SESSION_GAP_MS))
                .acceptPrefix(JobSettings.KAFKA_PREFIX)
                .acceptPrefix(JobSettings.FLINK_PREFIX)
                .acceptPrefix(RetrainSettings.SCORING_PREFIX)
                .hint("; known: " + new TreeSet<>(KEYS) + " and kafka.*, flink.*, scoring.*");
    }

    private static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (List<Setting<?>> group :
                List.of(
                        RetrainSettings.ALL,
                        TrainingSettings.ALL,
                        WIRING,
                        EventFieldSettings.ALL,
                        List.<Setting<?>>of(ScoringSettings.SESSION_GAP_MS))) {
            group.forEach(s -> keys.add(s.key()));
        }
        return keys;
    }

    /** Comma-separated values, blanks dropped; empty when unset. */
    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private void checkCombinations() {
        if (files.isEmpty()
                ? bootstrapServers == null || eventsTopic == null
                : eventsTopic != null) {
            throw new IllegalArgumentException(
                    "give either --events FILE (one or more) or --bootstrap-servers H:P with"
                            + " --events-topic T");
        }
        if (!files.isEmpty() && bootstrapServers != null && modelsTopic == null) {
            // With files, the broker serves only the models topic: the current model and
            // publishing.
            throw new IllegalArgumentException(
                    "with --events FILE, --bootstrap-servers is for the models topic: add"
                            + " --models-topic M (and --publish to publish the model), or drop"
                            + " --bootstrap-servers");
        }
        if (publish && (modelsTopic == null || bootstrapServers == null)) {
            throw new IllegalArgumentException(
                    "--publish needs --models-topic M and --bootstrap-servers H:P");
        }
        if (publishUnvalidated && !publish) {
            throw new IllegalArgumentException("--publish-unvalidated only applies with --publish");
        }
        if (publish && !holdsOut() && !publishUnvalidated) {
            throw new IllegalArgumentException(
                    "--publish with --validation-fraction 0 would publish a model whose validation"
                            + " loss cannot be measured and that is not compared with the current"
                            + " model; hold out a fraction, or add --publish-unvalidated to"
                            + " publish it anyway");
        }
        if (modelsTopic != null && bootstrapServers == null) {
            throw new IllegalArgumentException("--models-topic needs --bootstrap-servers H:P");
        }
        checkSchedule();
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
        if (calendar != null && !calendar.isEmpty() && categorical) {
            throw new IllegalArgumentException("calendar.inputs is for numeric input");
        }
        if (calendar != null && !calendar.isEmpty() && head == HeadKind.GAUSSIAN) {
            // The Gaussian head's σ is scored over every input; calendar inputs are not scored.
            throw new IllegalArgumentException(
                    "calendar.inputs cannot be combined with head=gaussian");
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

    /** Whether part of each key is held out for validation ({@code validation.fraction} > 0). */
    boolean holdsOut() {
        return validationFraction > 0;
    }

    /** What the Kafka clients of training read: brokers, topics, range and timeout. */
    TrainKafkaSettings kafka() {
        return new TrainKafkaSettings(
                raw.withPrefix(JobSettings.KAFKA_PREFIX),
                bootstrapServers,
                kafkaTimeoutMs,
                fromKafka(),
                eventsTopic,
                startOffsets,
                endOffsets,
                modelsTopic,
                modelsKey);
    }

    /** Whether history comes from Kafka (else from files). */
    boolean fromKafka() {
        return files.isEmpty();
    }

    /** Where the history comes from and how its reading job runs. */
    HistoryInput history() {
        return new HistoryInput(
                List.copyOf(files),
                kafka(),
                parallelism,
                raw.withPrefix(JobSettings.FLINK_PREFIX),
                jobName);
    }

    /** How records become events; {@code width} the initial model's feature count (0: none). */
    ReadSpec readSpec(int width) {
        return ReadSpec.of(fields, categorical, width > 0 ? width : features, csv);
    }

    /** What the checks before the long steps read. */
    RunInputs.Request inputs() {
        return new RunInputs.Request(
                init, categorical, List.copyOf(files), readSpec(0), kafka(), version);
    }

    /** The settings preparation needs. */
    Preparation.Options preparation() {
        return new Preparation.Options(
                categorical,
                features,
                zscore,
                validationFraction,
                vocabularySize,
                unknownAsUnk,
                featureNames,
                endToken,
                sessionGapMs,
                calendar);
    }

    private void checkSchedule() {
        if (retrainEveryMs == null && retrainRounds > 0) {
            throw new IllegalArgumentException("--rounds only applies with --every DURATION");
        }
        if (retrainEveryMs != null && version != null) {
            throw new IllegalArgumentException(
                    "--model-version cannot repeat with --every: leave it out, and each round's"
                            + " model gets the version above the current one");
        }
    }

    /** The effective training settings, recorded in the metadata and the report. */
    Map<String, Object> recorded() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", cell.id());
        m.put("head", head.id());
        m.put("layers", layers);
        m.put("hidden", hidden);
        m.put("input_kind", categorical ? "categorical" : "numeric");
        if (categorical) {
            m.put("embedding", embedding);
            m.put("vocabulary_size", vocabularySize);
            m.put("unknown_tokens", unknownAsUnk ? "unk" : "skip");
        }
        m.put("epochs", epochs);
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("lr", lr);
        m.put("momentum", momentum);
        m.put("batch_keys", batchKeys);
        m.put("tbptt", tbptt);
        m.put("clip", clip);
        m.put("seed", seed);
        m.put("shuffle", shuffle);
        m.put("threads", threads);
        m.put("normalize", zscore ? "zscore" : "none");
        m.put("validation_fraction", validationFraction);
        m.put("patience", patience);
        m.put("false_alarm_rate", falseAlarmRate);
        m.put("init", init == null ? null : init.toString());
        m.put("scoring", new TreeMap<>(scoring));
        return m;
    }

    /** The scoring settings of the calibration passes (the deployment's, minus thresholds). */
    ScoringConfig scoringConfig() {
        return ScoringConfig.fromMap(scoring).withLikelihood(0, 500);
    }

    /** The trainer's configuration; init null for fresh weights, vocabulary 0 for numeric. */
    TrainConfig trainConfig(RecurrentNetwork initNetwork, int vocabulary) {
        return TrainConfig.builder()
                .cell(cell)
                .head(head)
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
