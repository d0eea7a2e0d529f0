package io.keyedrnn.jobs.common;

import io.keyedrnn.flink.ModelPointerPolicy;
import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.serve.PredictionFormat;
import io.keyedrnn.settings.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** How the jobs are wired to Kafka and Flink: settings shared by score and train. */
public final class JobSettings {
    private JobSettings() {}

    public static final Setting<String> BOOTSTRAP_SERVERS =
            Setting.text("bootstrap.servers", null, "Kafka brokers, host:port[,host:port]");
    public static final Setting<String> EVENTS_TOPIC =
            Setting.text("events.topic", null, "input events, one JSON object per record");
    public static final Setting<String> PREDICTIONS_TOPIC =
            Setting.text("predictions.topic", null, "one prediction per event");
    public static final Setting<String> MODELS_TOPIC =
            Setting.text("models.topic", null, "model records (compacted, keyed)");
    public static final Setting<String> DEAD_LETTER_TOPIC =
            Setting.text("dead.letter.topic", null, "every record that could not be used");
    public static final Setting<Long> DEAD_LETTER_MAX_BYTES =
            Setting.whole(
                    "dead.letter.max.bytes",
                    900_000L,
                    64 * 1024,
                    "largest dead-letter record (key, value, headers); longer originals are cut,"
                            + " with their length and sha256; below kafka.max.request.size");
    public static final Setting<String> DEAD_LETTER_DELIVERY =
            Setting.choice(
                    "dead.letter.delivery",
                    "at-least-once",
                    "at-least-once: a dead letter the broker refuses is counted, logged and"
                            + " dropped; exactly-once: transactional, and a refused one fails the job",
                    "at-least-once",
                    "exactly-once");
    public static final Setting<String> GROUP_ID =
            Setting.text("group.id", "keyed-rnn-scoring", "consumer group of the scoring job");
    public static final Setting<String> STARTING_OFFSETS =
            Setting.choice(
                    "events.starting.offsets",
                    "committed",
                    "where a job without a checkpoint starts reading events",
                    "committed",
                    "earliest",
                    "latest");
    public static final Setting<String> DELIVERY_GUARANTEE =
            Setting.choice(
                    "delivery.guarantee",
                    "exactly-once",
                    "of predictions (and of dead letters with dead.letter.delivery exactly-once)",
                    "exactly-once",
                    "at-least-once",
                    "none");
    public static final Setting<String> TRANSACTIONAL_ID_PREFIX =
            Setting.text("transactional.id.prefix", "keyed-rnn", "prefix of the sinks' ids");
    public static final Setting<Long> TRANSACTION_TIMEOUT_MS =
            Setting.whole(
                    "transaction.timeout.ms",
                    600_000L,
                    1,
                    "at most the broker's transaction.max.timeout.ms");
    public static final Setting<String> MODEL_PATH =
            Setting.text("model.path", null, "start-up model file");
    public static final Setting<Long> MODEL_MAX_BYTES =
            Setting.whole("model.max.bytes", 536_870_912L, 1, "largest model file accepted");
    public static final Setting<String> MODEL_URI_SCHEMES =
            Setting.of(
                    ModelPointerPolicy.SCHEMES_KEY,
                    "https",
                    ModelPointerPolicy::checkSchemes,
                    "schemes a model pointer may use: https, http, file (comma-separated)");
    public static final Setting<String> MODEL_URI_ALLOWED_DIRS =
            Setting.of(
                    ModelPointerPolicy.DIRS_KEY,
                    null,
                    ModelPointerPolicy::checkDirs,
                    "directories file: model pointers may read from; unset = none");
    public static final Setting<String> INPUT_KIND =
            Setting.choice(
                    "input.kind",
                    "auto",
                    "auto (as the model), numeric or categorical",
                    "auto",
                    "numeric",
                    "categorical");
    public static final Setting<Integer> INPUT_FEATURES =
            Setting.integer(
                    "input.features", 0, 0, "features of every numeric event; 0 = the model's");
    public static final Setting<Boolean> OUTPUT_STATE =
            Setting.flag("output.state", false, "add each key's recurrent state to predictions");
    public static final Setting<PredictionFormat> PREDICTION_FORMAT =
            Setting.of(
                    "prediction.format",
                    PredictionFormat.JSON,
                    PredictionFormat::fromId,
                    "json or cbor: the encoding of prediction records (same fields; dead letters"
                            + " stay JSON)");
    public static final Setting<Integer> PARALLELISM =
            Setting.integer("parallelism", 0, 0, "operator parallelism; 0 = the environment's");
    public static final Setting<Integer> MAX_PARALLELISM =
            Setting.integer(
                    "max.parallelism", 128, 1, "key groups; fixed for the life of the state");
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS =
            Setting.whole(
                    "checkpoint.interval.ms", 10_000L, 1, "exactly-once output shows at each");
    public static final Setting<Long> BUFFER_TIMEOUT_MS =
            Setting.whole(
                    "buffer.timeout.ms",
                    10L,
                    0,
                    "longest a record waits in a network buffer between operators (Flink's"
                            + " execution.buffer-timeout.interval, 100 by default); 0 = after each record");
    public static final Setting<String> CHECKPOINT_DIR =
            Setting.of(
                    "checkpoint.dir",
                    "file:///tmp/keyed-rnn/checkpoints",
                    JobSettings::storageUri,
                    "checkpoint storage URI; a path without a scheme is a local directory");
    public static final Setting<String> STATE_BACKEND =
            Setting.choice("state.backend", "hashmap", "hashmap or rocksdb", "hashmap", "rocksdb");
    public static final Setting<Long> STATE_TTL_MS =
            Setting.whole(
                    "state.ttl.ms", 0L, 0, "drop a key's state after this long idle; 0 = never");
    public static final Setting<Integer> BATCH_SIZE =
            Setting.integer(
                    "batch.size",
                    ScoringOptions.DEFAULT_BATCH_SIZE,
                    1,
                    "events of different keys a subtask steps together; 1 = one at a time");
    public static final Setting<Long> BATCH_DELAY_MS =
            Setting.whole(
                    "batch.delay.ms",
                    ScoringOptions.DEFAULT_BATCH_DELAY_MS,
                    0,
                    "longest an event waits for its batch to fill");
    public static final Setting<Long> STOP_SAVEPOINT_TIMEOUT_MS =
            Setting.whole(
                    "stop.savepoint.timeout.ms",
                    60_000L,
                    1,
                    "how long a stop waits for its savepoint before cancelling");
    public static final Setting<String> JOB_NAME =
            Setting.text("job.name", null, "Flink job name; default: keyed-rnn scoring / retrain");

    /** The scoring job's wiring (the retraining job uses some of them too). */
    public static final List<Setting<?>> SCORING_JOB =
            List.of(
                    BOOTSTRAP_SERVERS,
                    EVENTS_TOPIC,
                    PREDICTIONS_TOPIC,
                    MODELS_TOPIC,
                    DEAD_LETTER_TOPIC,
                    DEAD_LETTER_MAX_BYTES,
                    DEAD_LETTER_DELIVERY,
                    GROUP_ID,
                    STARTING_OFFSETS,
                    DELIVERY_GUARANTEE,
                    TRANSACTIONAL_ID_PREFIX,
                    TRANSACTION_TIMEOUT_MS,
                    MODEL_PATH,
                    MODEL_MAX_BYTES,
                    MODEL_URI_SCHEMES,
                    MODEL_URI_ALLOWED_DIRS,
                    INPUT_KIND,
                    INPUT_FEATURES,
                    OUTPUT_STATE,
                    PREDICTION_FORMAT,
                    PARALLELISM,
                    MAX_PARALLELISM,
                    CHECKPOINT_INTERVAL_MS,
                    BUFFER_TIMEOUT_MS,
                    CHECKPOINT_DIR,
                    STATE_BACKEND,
                    STATE_TTL_MS,
                    BATCH_SIZE,
                    BATCH_DELAY_MS,
                    STOP_SAVEPOINT_TIMEOUT_MS,
                    JOB_NAME);

    /** Pass-through prefixes: {@code kafka.X} to every Kafka client, {@code flink.X} to Flink. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String FLINK_PREFIX = "flink.";

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    /**
     * A storage URI as given ({@code s3://...}, {@code file:///...}), or a plain path as the {@code
     * file:} URI of its absolute form: Flink refuses a path without a scheme only once the job
     * runs.
     */
    static String storageUri(String v) {
        if (v.isEmpty() || SCHEME.matcher(v).matches()) {
            return v;
        }
        return Path.of(v).toAbsolutePath().normalize().toUri().toString();
    }
}
