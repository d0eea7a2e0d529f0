package io.keyedrnn.serve;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.score.AnomalyLikelihood;
import io.keyedrnn.score.ScorerKind;
import java.util.Arrays;

/**
 * The per-key step logic shared by the Flink operator and offline replay: pure, no Flink.
 *
 * <p>{@link #process} takes one event and the key's {@link KeyState}: (a) if the state belongs to
 * another model version it applies the {@link SwapPolicy}; (b) it scores the event against the
 * prediction the previous step stored; (c) advances the recurrent state one step (features
 * normalised with the model's normaliser; tokens looked up in its vocabulary); (d) stores the new
 * prediction, updates the key's statistics, ring buffer and counters, and returns the output. A
 * step that would leave NaN or infinity in the state, prediction or score is undone by a {@link
 * StepGuard} (the event is then refused as non_finite_state).
 *
 * <p>Calendar inputs. A model whose metadata lists calendar inputs ({@link CalendarInputs}) takes
 * the event's features followed by the inputs derived from the event's timestamp; an event without
 * one is refused ({@link RejectReason#MISSING_TIMESTAMP}). The head predicts the whole next input,
 * calendar inputs included, as training taught it; the error, the reported prediction and the range
 * are the event's own features only. The ring keeps the derived inputs with the features.
 *
 * <p>Scores. Numeric (gaussian_error): error = mean squared error between the normalised features
 * and the previous prediction (for a Gaussian head the mean of ((x − μ) / σ)², each feature's error
 * against the σ the model predicted); score = its z against the key's own running error mean/std
 * (after {@code minKeyErrors} errors; the calibration's error_mean/error_std before that); anomaly
 * when z &gt; threshold (configuration, else calibration, else 4); an error beyond the threshold
 * joins the key's statistics winsorised to z = threshold, so one spike does not blind the key.
 * Categorical (token_rank): score = surprisal −ln p of the actual token; anomaly when its rank is
 * outside the top g (configuration, else calibration top_g, else 9), or, when a threshold is
 * configured (or calibrated), when the surprisal exceeds it; {@code token.rule} chooses either test
 * or both ({@link io.keyedrnn.score.TokenRule}). With the anomaly likelihood enabled the score is
 * the likelihood of that raw score and anomaly means likelihood &gt; likelihoodThreshold. Never
 * anomalous during warm-up (the first warmupEvents events after a key's state was zeroed). The
 * {@link AlertRules} (log scale, range breach, quiet period after an alert, statistics that do not
 * learn from alerts) apply on top, in {@code Scoring}.
 *
 * <p>Holds the buffers of one thread: one servable per thread, not thread-safe. Allocates nothing
 * per event once a key's state has the model's shapes.
 */
public final class ModelServable {
    private final Model model;
    private final RecurrentNetwork net;
    private final ScoringConfig config;
    private final Normalizer normalizer;
    private final Vocabulary vocabulary;
    private final CalendarInputs calendar;

    /** The event's numeric features (0 for tokens). */
    private final int features;

    /** The network's numeric inputs: the features, then the calendar inputs (0 for tokens). */
    private final int inputs;

    private final long inputSignature;
    private final int[] stateParts;
    private final Scoring scoring;
    private final Admission admission;
    private final int endToken;
    private final Workspace ws;
    private final float[] replayInput;
    private final float[] checked;
    private final StepSlot single;

    public ModelServable(Model model, ScoringConfig config) {
        this.model = model;
        this.net = model.network();
        this.config = config;
        this.normalizer = model.metadata().normalizer();
        this.calendar = model.metadata().calendarInputs();
        this.inputs = net.isCategorical() ? 0 : net.inputSize();
        this.features = inputs - calendar.width();
        if (normalizer != null && normalizer.size() != inputs) {
            throw new IllegalArgumentException(
                    "the model's normalizer has "
                            + normalizer.size()
                            + " features but the network takes "
                            + net.inputSize()
                            + (net.isCategorical() ? " tokens" : ""));
        }
        this.vocabulary = EventParser.vocabularyOf(model, config.openVocabulary());
        this.inputSignature =
                vocabulary != null ? vocabulary.signature() : numericSignature(inputs, calendar);
        this.stateParts = stateParts(net);
        this.endToken = vocabulary != null ? vocabulary.exactId(Vocabulary.END) : -1;
        this.scoring = new Scoring(net, features, calibrationOf(model), config, endToken);
        this.admission =
                new Admission(
                        vocabulary, features, config.allowedLatenessMs(), !calendar.isEmpty());
        this.ws = net.newWorkspace();
        this.replayInput = new float[Math.max(inputs, 1)];
        this.checked = new float[Math.max(inputs, 1)];
        this.single = newSlot();
    }

    /** Buffers for one key's step in flight (the per-event path has one, a batch one per key). */
    StepSlot newSlot() {
        Prediction p = new Prediction();
        p.values = new float[net.outputSize()];
        // A calendar model predicts its derived inputs too; the output holds the features only.
        boolean forecast = !calendar.isEmpty() && net.outputSize() == inputs;
        p.length = net.isGaussian() || forecast ? features : net.outputSize();
        p.std = net.isGaussian() ? new float[features] : null;
        p.modelVersion = model.version();
        p.stateParts = stateParts;
        p.categorical = net.isCategorical();
        float[] raw = calendar.isEmpty() ? null : new float[inputs];
        return new StepSlot(new float[Math.max(inputs, 1)], raw, p);
    }

    /**
     * The state signature of numeric input: the input count as before calendar inputs existed, so
     * states written then still match; the calendar list in the upper bits.
     */
    private static long numericSignature(int inputs, CalendarInputs calendar) {
        return inputs | calendar.code() << 32;
    }

    RecurrentNetwork network() {
        return net;
    }

    private static Calibration calibrationOf(Model model) {
        return model.metadata().calibration();
    }

    /** Boundaries of per-layer h (and c) in the flat state, for JSON output. */
    static int[] stateParts(RecurrentNetwork net) {
        boolean hasC = net.cellKind().hasCellState();
        int n = net.layers().size();
        int[] parts = new int[n * (hasC ? 2 : 1) + 1];
        int p = 0;
        for (int k = 0; k < n; k++) {
            int h = net.layers().get(k).hiddenSize();
            int off = net.stateOffset(k);
            parts[p++] = off;
            if (hasC) {
                parts[p++] = off + h;
            }
        }
        parts[p] = net.stateSize();
        return parts;
    }

    public Model model() {
        return model;
    }

    public ScoringConfig config() {
        return config;
    }

    /** The vocabulary of a categorical model, null for a numeric one. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The scorer in use (AUTO resolved). */
    public ScorerKind scorer() {
        return scoring.kind();
    }

    /** A fresh state for a key never seen before, with this model's shapes. */
    public KeyState newState() {
        KeyState s = new KeyState();
        s.modelVersion = model.version();
        s.inputSignature = inputSignature;
        s.state = new float[net.stateSize()];
        s.prediction = new float[net.outputSize()];
        s.likelihood = new AnomalyLikelihood(config.likelihoodShortWindow());
        Ring.allocate(s, config.ringSize(), inputs);
        return s;
    }

    /**
     * Why {@link #process} would refuse the event for this key, or null if it takes it. Refused
     * events never change the state.
     */
    public RejectReason check(Event e, KeyState s) {
        RejectReason why = admission.check(e, s);
        if (why == null && overflowingFeature(e) >= 0) {
            return RejectReason.NON_FINITE_FEATURE;
        }
        return why;
    }

    /** Whether the event is older than the key's latest by more than the allowed lateness. */
    public boolean isLate(Event e, KeyState s) {
        return admission.isLate(e, s);
    }

    /**
     * Scores the event, advances the key one step and returns the output (reused: valid until the
     * next call). Returns null, leaving the state untouched, if {@link #check} refuses the event,
     * or if the step would leave a non-finite number in the state, prediction or score (then {@link
     * #lastFailure} says which; the event is a {@link RejectReason#NON_FINITE_STATE}). Modified: s.
     */
    public Prediction process(Event e, KeyState s) {
        return begin(e, s) == null ? step() : null;
    }

    /**
     * Refuses or begins {@link #process}'s step in one pass over the event: returns why {@link
     * #check} would refuse it, leaving s untouched, or null after the event was normalised once,
     * the state adopted and the event scored against the previous prediction; then {@link #step}
     * completes it. Modified: s (only when taken).
     */
    public RejectReason begin(Event e, KeyState s) {
        return begin(single, e, s);
    }

    /**
     * Completes the step of the event {@link #begin} took: as {@link #process} after its checks.
     * Returns the output (reused), or null when the guard undid the step ({@link #lastFailure}).
     * Modified: the begun event's state.
     */
    public Prediction step() {
        if (single.state == null) {
            throw new IllegalStateException("no event begun: call begin first");
        }
        advance(single.state, single.token, single.input);
        Prediction p = finish(single);
        single.event = null;
        single.state = null;
        return p;
    }

    /**
     * The part of {@link #process} before the step, into slot: refuses the event as {@link #check}
     * would (returns why, state untouched), else adopts the state, normalises the features once
     * into slot.input, saves the guard and scores against the previous prediction. Returns null
     * when the event is taken. Modified: slot, s.
     */
    RejectReason begin(StepSlot slot, Event e, KeyState s) {
        RejectReason why = admission.check(e, s);
        if (why != null) {
            return why;
        }
        if (vocabulary == null) {
            normalize(rawInput(e, slot.raw), slot.input);
            if (!StepGuard.finite(slot.input)) {
                return RejectReason.NON_FINITE_FEATURE;
            }
        }
        adopt(s);
        slot.event = e;
        slot.state = s;
        slot.token = vocabulary != null ? vocabulary.id(e.getToken()) : -1;
        slot.guard.save(s);
        Prediction p = slot.out;
        p.key = e.getKey();
        p.timestamp = e.getTimestamp();
        p.end = false;
        p.warmup = s.stepsSinceReset < config.warmupEvents();
        scoring.score(s, slot.input, e.getFeatures(), slot.token, p);
        return null;
    }

    /**
     * The part of {@link #process} after the slot's state was stepped: output, guard, ring and
     * counters. Returns the slot's output, or null when the guard undid the step. Modified: slot,
     * its state.
     */
    Prediction finish(StepSlot slot) {
        KeyState s = slot.state;
        Event e = slot.event;
        Prediction p = slot.out;
        writeValues(s, p);
        if (!slot.guard.holds(s, p)) {
            slot.guard.restore(s);
            return null;
        }
        Ring.push(s, slot.raw != null ? slot.raw : e.getFeatures(), slot.token, inputs);
        s.eventCount++;
        s.stepsSinceReset++;
        if (e.hasTimestamp()
                && (s.lastTimestamp == Event.NO_TIMESTAMP || e.getTimestamp() > s.lastTimestamp)) {
            s.lastTimestamp = e.getTimestamp();
        }
        return p;
    }

    /**
     * Ends the key's session: scores the token {@link Vocabulary#END} against the key's last
     * prediction like an event (its rank and probability show how expected the end was) and steps
     * the state on it, so a key kept after its end continues as training saw "..., {@code <end>},
     * next session". A model without that token (numeric, or trained without session ends) returns
     * an unscored record and leaves the state as it is. The output has {@code end} set and is
     * reused like {@link #process}'s. Returns null, leaving the state untouched, if the step would
     * leave a non-finite number (then {@link #lastFailure} says which). Modified: s.
     */
    public Prediction processEnd(String key, long timestamp, KeyState s) {
        adopt(s);
        Prediction out = single.out;
        StepGuard guard = single.guard;
        out.key = key;
        out.timestamp = timestamp;
        out.warmup = s.stepsSinceReset < config.warmupEvents();
        if (endToken >= 0) {
            guard.save(s);
            scoring.score(s, single.input, null, endToken, out);
            advance(s, endToken, single.input);
            writeValues(s, out);
            if (!guard.holds(s, out)) {
                guard.restore(s);
                return null;
            }
            Ring.push(s, null, endToken, inputs);
            s.stepsSinceReset++;
        } else {
            Scoring.unscored(out);
            writeValues(s, out);
        }
        out.end = true;
        return out;
    }

    /** Whether the model scores session ends (its vocabulary has {@link Vocabulary#END}). */
    public boolean scoresEnds() {
        return endToken >= 0;
    }

    /** Why the last {@link #process} that returned null after {@link #check} passed did so. */
    public String lastFailure() {
        return failure(single.guard);
    }

    /** Why the guard of a step undid it, in {@link #lastFailure}'s words. */
    String failure(StepGuard guard) {
        return "model version "
                + model.version()
                + " made "
                + guard.failure()
                + " not finite (float overflow); the key keeps its previous state";
    }

    /**
     * The first input that is finite as sent but not after the model's normaliser (e.g. 3e38 with
     * std 0.01), or -1; such an event is refused as {@link RejectReason#NON_FINITE_FEATURE}. An
     * index at or above the event's feature count is a calendar input.
     */
    public int overflowingFeature(Event e) {
        float[] x = e.getFeatures();
        if (normalizer == null || x == null || x.length != features) {
            return -1;
        }
        if (!calendar.isEmpty() && !e.hasTimestamp()) {
            return -1;
        }
        normalizer.normalize(rawInput(e, checked), checked);
        for (int i = 0; i < inputs; i++) {
            if (!Float.isFinite(checked[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The network's input as sent: the features, then the calendar inputs (into into). */
    private float[] rawInput(Event e, float[] into) {
        if (calendar.isEmpty()) {
            return e.getFeatures();
        }
        System.arraycopy(e.getFeatures(), 0, into, 0, features);
        calendar.derive(e.getTimestamp(), into, features);
        return into;
    }

    private void normalize(float[] raw, float[] input) {
        System.arraycopy(raw, 0, input, 0, inputs);
        if (normalizer != null) {
            normalizer.normalize(input, input);
        }
    }

    private void advance(KeyState s, int token, float[] input) {
        if (vocabulary != null) {
            net.stepToken(token, s.state, s.prediction, ws);
        } else {
            net.step(input, s.state, s.prediction, ws);
        }
    }

    /** The output's values (and a Gaussian head's σ) in feature units. Modified: out. */
    private void writeValues(KeyState s, Prediction out) {
        // A Gaussian head's first half is the means (it has no calendar inputs: MetadataRules).
        if (normalizer != null && (net.isGaussian() || s.prediction.length == inputs)) {
            normalizer.denormalize(s.prediction, out.values);
        } else {
            System.arraycopy(s.prediction, 0, out.values, 0, out.length);
        }
        if (out.std != null) {
            if (normalizer != null) {
                normalizer.rescale(s.prediction, features, out.std);
            } else {
                System.arraycopy(s.prediction, features, out.std, 0, features);
            }
        }
        out.state = s.state;
    }

    /**
     * Brings a state computed by another model version (or with other ring/window sizes) to this
     * model, applying the swap policy; a no-op for a state that already matches. Modified: s.
     */
    public void adopt(KeyState s) {
        boolean sameModel =
                s.modelVersion == model.version()
                        && s.inputSignature == inputSignature
                        && s.state.length == net.stateSize()
                        && s.prediction.length == net.outputSize();
        if (!sameModel) {
            swap(s);
            return;
        }
        if (Ring.capacity(s, inputs) != config.ringSize()) {
            Ring.resize(s, config.ringSize(), inputs);
        }
        if (s.likelihood.recent.length != config.likelihoodShortWindow()) {
            s.likelihood = new AnomalyLikelihood(config.likelihoodShortWindow());
        }
    }

    private void swap(KeyState s) {
        boolean sameInput = s.inputSignature == inputSignature;
        boolean sameShapes =
                s.state.length == net.stateSize() && s.prediction.length == net.outputSize();
        if (sameInput) {
            Ring.resize(s, config.ringSize(), inputs);
        } else {
            Ring.allocate(s, config.ringSize(), inputs);
        }
        SwapPolicy policy = config.swapPolicy();
        if (policy == SwapPolicy.KEEP && !sameShapes) {
            policy = SwapPolicy.REPLAY;
        }
        if (policy != SwapPolicy.KEEP) {
            s.state = sized(s.state, net.stateSize());
            s.prediction = sized(s.prediction, net.outputSize());
            s.stepsSinceReset = 0;
            if (policy == SwapPolicy.REPLAY) {
                replayRing(s);
            }
        }
        // The error distribution belongs to the old model; the new one's calibration covers the
        // gap, unless the configuration keeps it (a retrained model of the same data).
        if (!config.alerts().keepStatisticsOnSwap()) {
            s.errorStats.clear();
            s.likelihood = new AnomalyLikelihood(config.likelihoodShortWindow());
        } else if (s.likelihood.recent.length != config.likelihoodShortWindow()) {
            s.likelihood = new AnomalyLikelihood(config.likelihoodShortWindow());
        }
        s.modelVersion = model.version();
        s.inputSignature = inputSignature;
    }

    private static float[] sized(float[] a, int n) {
        if (a.length != n) {
            return new float[n];
        }
        Arrays.fill(a, 0f);
        return a;
    }

    /** Steps the state through the ring's entries, oldest first (an expired one is skipped). */
    private void replayRing(KeyState s) {
        int cap = Ring.capacity(s, inputs);
        int start = Ring.oldest(s);
        int replayed = 0;
        for (int i = 0; i < s.ringCount; i++) {
            int slot = (start + i) % cap;
            if (vocabulary != null) {
                int token = Ring.token(s, slot);
                if (token == RingStore.NO_TOKEN) {
                    continue;
                }
                net.stepToken(token, s.state, s.prediction, ws);
            } else {
                if (!Ring.copyFeatures(s, slot, inputs, replayInput)) {
                    continue;
                }
                normalize(replayInput, replayInput);
                net.step(replayInput, s.state, s.prediction, ws);
            }
            replayed++;
        }
        s.stepsSinceReset = replayed;
    }
}
