package io.keyedrnn.serve;

import io.keyedrnn.score.AnomalyLikelihood;
import io.keyedrnn.score.RunningStats;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything keyed-rnn keeps for one key: a plain mutable holder of primitives and arrays.
 *
 * <p>Public fields so a state serializer can write them one by one, in declaration order; none is
 * null in a state made by {@link ModelServable#newState()}. Only {@link ModelServable} changes
 * them, and it resizes arrays whose lengths no longer match the model (after a swap).
 */
public final class KeyState {
    /** Version of the model that computed {@link #state} and {@link #prediction}. */
    public long modelVersion;

    /**
     * The input mapping the ring buffer's entries belong to (feature count, or the vocabulary's
     * signature); replay after a swap needs the same one.
     */
    public long inputSignature;

    /** Recurrent state in {@link io.keyedrnn.model.RecurrentNetwork}'s layout: per layer h, c. */
    public float[] state;

    /** The previous step's raw model output (normalised units, or softmax probabilities). */
    public float[] prediction;

    /** Events this key has processed, over all models. */
    public long eventCount;

    /**
     * Inputs the current state has absorbed since it was last zeroed (replayed ones included); 0
     * means there is no prediction to score against. Warm-up counts this.
     */
    public long stepsSinceReset;

    /** Latest event time seen for the key (epoch ms), or {@link Event#NO_TIMESTAMP}. */
    public long lastTimestamp = Event.NO_TIMESTAMP;

    /** Running mean and variance of this key's prediction errors (numeric scorer). */
    public RunningStats errorStats = new RunningStats();

    /** Anomaly likelihood windows (empty short window when disabled). */
    public AnomalyLikelihood likelihood = new AnomalyLikelihood(0);

    /** What {@link #ringCapacity} holds in a state restored from format 1 or 2 ({@link Ring}). */
    public static final int RING_CAPACITY_UNKNOWN = -1;

    /**
     * Ring of recent raw inputs for a numeric model: capacity × features floats; empty when the
     * entries live in {@link #ringStore}.
     */
    public float[] ringFeatures = new float[0];

    /** Ring of recent token ids for a categorical model: capacity ints; empty as ringFeatures. */
    public int[] ringTokens = new int[0];

    /** Entries the ring can hold, or {@link #RING_CAPACITY_UNKNOWN} (then the arrays say). */
    public int ringCapacity = RING_CAPACITY_UNKNOWN;

    /**
     * Where the ring's entries live instead of the arrays above (the Flink job's ring state), or
     * null. Not part of the state's value: never serialised, copied or compared.
     */
    public transient RingStore ringStore;

    /** Next write slot of the ring. */
    public int ringHead;

    /** Number of valid entries in the ring (at most its capacity). */
    public int ringCount;

    /** Smallest raw value of each feature seen (empty until the first numeric event). */
    public float[] rangeMin = new float[0];

    /** Largest raw value of each feature seen (empty until the first numeric event). */
    public float[] rangeMax = new float[0];

    /** Events left in the quiet period after an alert ({@link AlertRules#quietEvents()}). */
    public int quietLeft;

    /** A deep copy. */
    public KeyState copy() {
        KeyState c = new KeyState();
        c.modelVersion = modelVersion;
        c.inputSignature = inputSignature;
        c.state = state.clone();
        c.prediction = prediction.clone();
        c.eventCount = eventCount;
        c.stepsSinceReset = stepsSinceReset;
        c.lastTimestamp = lastTimestamp;
        c.errorStats.copyFrom(errorStats);
        c.likelihood = likelihood.copy();
        c.ringFeatures = ringFeatures.clone();
        c.ringTokens = ringTokens.clone();
        c.rangeMin = rangeMin.clone();
        c.rangeMax = rangeMax.clone();
        c.quietLeft = quietLeft;
        c.ringHead = ringHead;
        c.ringCount = ringCount;
        c.ringCapacity = ringCapacity;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyState k
                && k.modelVersion == modelVersion
                && k.inputSignature == inputSignature
                && Arrays.equals(k.state, state)
                && Arrays.equals(k.prediction, prediction)
                && k.eventCount == eventCount
                && k.stepsSinceReset == stepsSinceReset
                && k.lastTimestamp == lastTimestamp
                && k.errorStats.equals(errorStats)
                && k.likelihood.equals(likelihood)
                && Arrays.equals(k.ringFeatures, ringFeatures)
                && Arrays.equals(k.ringTokens, ringTokens)
                && Arrays.equals(k.rangeMin, rangeMin)
                && Arrays.equals(k.rangeMax, rangeMax)
                && k.quietLeft == quietLeft
                && k.ringHead == ringHead
                && k.ringCount == ringCount
                && k.ringCapacity == ringCapacity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelVersion, eventCount, Arrays.hashCode(state), lastTimestamp);
    }

    @Override
    public String toString() {
        return "KeyState{model="
                + modelVersion
                + ", events="
                + eventCount
                + ", steps="
                + stepsSinceReset
                + ", state="
                + Arrays.toString(state)
                + "}";
    }
}
