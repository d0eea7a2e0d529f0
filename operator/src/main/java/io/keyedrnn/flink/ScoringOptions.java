package io.keyedrnn.flink;

import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.PredictionFormat;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.serve.SessionConfig;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the parse and scoring functions need, in a serializable form Flink can ship to task
 * managers: typed settings, checked once where the job is built.
 */
public final class ScoringOptions implements Serializable {
    /** Events of different keys stepped together, per subtask (the job's scoring.batch.size). */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** Longest wait of a buffered event before its batch is stepped (scoring.batch.delay.ms). */
    public static final long DEFAULT_BATCH_DELAY_MS = 5;

    private static final long serialVersionUID = 1L;

    /** How the parser reads events before the keyed step; AUTO follows the start-up model. */
    public enum InputKind {
        AUTO,
        NUMERIC,
        CATEGORICAL;

        public static InputKind fromId(String id) {
            try {
                return valueOf(id.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown input kind '" + id + "' (expected auto, numeric or categorical)");
            }
        }
    }

    private ScoringConfig scoring = ScoringConfig.DEFAULTS;
    private String[] fields = {"key", "ts", "features", "token", null};
    private SessionConfig session = SessionConfig.DEFAULTS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private long batchDelayMs = DEFAULT_BATCH_DELAY_MS;
    private InputKind inputKind = InputKind.AUTO;
    private int features;
    private byte[] startupModel;
    private String startupModelName = "start-up model";
    private boolean outputState;
    private PredictionFormat predictionFormat = PredictionFormat.JSON;
    private long stateTtlMs;
    private boolean ringInOwnState;
    private long maxModelBytes = 512L << 20;
    private ModelPointerPolicy modelPointers = ModelPointerPolicy.DEFAULT;

    /** Scoring settings ({@link ScoringConfig#KEYS}); validated here, so errors surface early. */
    public ScoringOptions scoring(Map<String, String> settings) {
        return scoring(ScoringConfig.fromMap(settings));
    }

    public ScoringOptions scoring(ScoringConfig config) {
        scoring = Objects.requireNonNull(config, "scoring config");
        return this;
    }

    public ScoringOptions fields(EventFields f) {
        fields = new String[] {f.key(), f.timestamp(), f.features(), f.token(), f.end()};
        return this;
    }

    /** When a key's session ends (gap, end field) and what happens to its state then. */
    public ScoringOptions session(SessionConfig config) {
        session = Objects.requireNonNull(config, "session config");
        return this;
    }

    public SessionConfig session() {
        return session;
    }

    public ScoringOptions inputKind(InputKind kind) {
        inputKind = Objects.requireNonNull(kind, "input kind");
        return this;
    }

    /** Number of features every numeric event must carry; 0 = whatever the model takes. */
    public ScoringOptions features(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("input features must be >= 0, got " + n);
        }
        features = n;
        return this;
    }

    /** The model used until one arrives on the model stream (file bytes), or null for none. */
    public ScoringOptions startupModel(byte[] modelFile, String name) {
        startupModel = modelFile;
        startupModelName = name;
        return this;
    }

    /** Whether predictions carry the key's recurrent state (for debugging and tests). */
    public ScoringOptions outputState(boolean include) {
        outputState = include;
        return this;
    }

    /** How predictions are encoded: JSON (the default) or CBOR, the same fields either way. */
    public ScoringOptions predictionFormat(PredictionFormat format) {
        predictionFormat = Objects.requireNonNull(format, "prediction format");
        return this;
    }

    public PredictionFormat predictionFormat() {
        return predictionFormat;
    }

    /** Idle keys' state expires after this many ms without an event; 0 keeps it forever. */
    public ScoringOptions stateTtlMs(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("state ttl must be >= 0 ms, got " + ms);
        }
        stateTtlMs = ms;
        return this;
    }

    /**
     * Whether each key's input ring lives in keyed map state of its own ({@link RingState}: an
     * event writes one entry; for RocksDB, where a value state update rewrites the whole value)
     * instead of inside the key state (heap: nothing is serialised per event, and a second state
     * lookup would cost more than it saves). A state written either way restores either way.
     */
    public ScoringOptions ringInOwnState(boolean own) {
        ringInOwnState = own;
        return this;
    }

    public boolean ringInOwnState() {
        return ringInOwnState;
    }

    /**
     * Micro-batching of the keyed step: at most size events of different keys wait at most delayMs
     * per subtask and are stepped together ({@link BatchingScoreOperator}); size 1 steps each event
     * as it arrives.
     */
    public ScoringOptions batching(int size, long delayMs) {
        if (size < 1 || delayMs < 0) {
            throw new IllegalArgumentException(
                    "batch size must be >= 1 and delay >= 0 ms, got " + size + ", " + delayMs);
        }
        batchSize = size;
        batchDelayMs = delayMs;
        return this;
    }

    public int batchSize() {
        return batchSize;
    }

    public long batchDelayMs() {
        return batchDelayMs;
    }

    /** Largest model file accepted from the model stream or a model URI. */
    public ScoringOptions maxModelBytes(long bytes) {
        maxModelBytes = bytes;
        return this;
    }

    /** Which model pointers (URI records on the model stream) the scoring task may follow. */
    public ScoringOptions modelPointers(ModelPointerPolicy policy) {
        modelPointers = Objects.requireNonNull(policy, "model pointer policy");
        return this;
    }

    public ModelPointerPolicy modelPointers() {
        return modelPointers;
    }

    public ScoringConfig scoringConfig() {
        return scoring;
    }

    public EventFields eventFields() {
        return new EventFields(fields[0], fields[1], fields[2], fields[3], fields[4]);
    }

    public byte[] startupModel() {
        return startupModel;
    }

    public String startupModelName() {
        return startupModelName;
    }

    public int features() {
        return features;
    }

    public boolean outputState() {
        return outputState;
    }

    public long stateTtlMs() {
        return stateTtlMs;
    }

    public long maxModelBytes() {
        return maxModelBytes;
    }

    /**
     * Whether events are categorical: as configured, else as the start-up model takes them, else
     * numeric.
     */
    public boolean categorical(boolean startupModelCategorical) {
        return switch (inputKind) {
            case CATEGORICAL -> true;
            case NUMERIC -> false;
            case AUTO -> startupModelCategorical;
        };
    }

    /** The parser of the stage before the keyed step: checks the model-independent rules. */
    EventParser keyParser(boolean startupModelCategorical) {
        return categorical(startupModelCategorical)
                ? EventParser.categorical(eventFields(), null)
                : EventParser.numeric(eventFields(), features);
    }
}
