package io.keyedrnn.serve;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One output record: the model's prediction after an event and the event's anomaly score.
 *
 * <p>A {@link ModelServable} reuses one instance for every event (no per-event allocation): it is
 * valid until the next call; write it out ({@link PredictionJson}) or {@link #copy()} it first.
 * Fields are public and read-only by convention for everyone but the servable.
 */
public final class Prediction {
    /** The event's key. */
    public String key;

    /** The event's time (epoch ms), or {@link Event#NO_TIMESTAMP}. */
    public long timestamp;

    /** Version of the model that made the prediction. */
    public long modelVersion;

    /**
     * The model output after this event, valid in [0, {@link #length}): the next-step forecast in
     * feature units (denormalised when the model has a normaliser), the full softmax probability
     * vector for a categorical model, or the top layer's h for a model without a head.
     */
    public float[] values;

    /** Valid length of {@link #values}. */
    public int length;

    /**
     * A Gaussian head's predicted standard deviation of each feature's next value, in the units of
     * {@link #values} ([0, length)); null for any other model.
     */
    public float[] std;

    /**
     * The anomaly score (z, surprisal, or likelihood; see {@link ModelServable}); 0 if unscored.
     */
    public double score;

    /** Whether the event is anomalous (never during warm-up or when unscored). */
    public boolean anomaly;

    /**
     * Whether this record scores the end of the key's session (the {@code <end>} token) rather than
     * an event.
     */
    public boolean end;

    /** Whether the event fell in an alert's quiet period: not anomalous, score 0. */
    public boolean quiet;

    /** Whether the key is still warming up. */
    public boolean warmup;

    /** Whether the event was scored (there was a previous prediction to compare with). */
    public boolean scored;

    /** Whether the scorer was categorical: probability and rank are set instead of error and z. */
    public boolean categorical;

    /** Numeric: mean squared error of the normalised features against the previous prediction. */
    public double error = Double.NaN;

    /** Numeric: z of the error. */
    public double z = Double.NaN;

    /** Categorical: probability the previous step gave this event's token. */
    public double probability = Double.NaN;

    /** Categorical: number of tokens that were more probable (0 = the most probable). */
    public int rank = -1;

    /** The anomaly likelihood, or NaN when disabled. */
    public double likelihood = Double.NaN;

    /** The key's recurrent state after the event (the key state's own array: do not modify). */
    public float[] state;

    /**
     * Boundaries of the state's parts: part i is [stateParts[i], stateParts[i + 1]); per layer h,
     * then c for LSTM.
     */
    public int[] stateParts;

    /** A deep copy that stays valid after the servable's next call. */
    public Prediction copy() {
        Prediction c = new Prediction();
        c.key = key;
        c.timestamp = timestamp;
        c.modelVersion = modelVersion;
        c.values = Arrays.copyOf(values, length);
        c.length = length;
        c.std = std == null ? null : std.clone();
        c.score = score;
        c.anomaly = anomaly;
        c.end = end;
        c.warmup = warmup;
        c.quiet = quiet;
        c.scored = scored;
        c.categorical = categorical;
        c.error = error;
        c.z = z;
        c.probability = probability;
        c.rank = rank;
        c.likelihood = likelihood;
        c.state = state == null ? null : state.clone();
        c.stateParts = stateParts;
        return c;
    }

    /** The prediction values as a fresh array of {@link #length}. */
    public float[] valuesCopy() {
        return Arrays.copyOf(values, length);
    }

    @Override
    public String toString() {
        return new String(new PredictionJson(false).toBytes(this), StandardCharsets.UTF_8);
    }
}
