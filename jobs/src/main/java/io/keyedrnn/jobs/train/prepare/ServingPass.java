package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.prepare.PreparedData.PreparedKey;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.ScoringConfig;
import java.util.List;

/**
 * Runs the real serving step ({@link ModelServable}) over each key's history as if the model went
 * live at the key's split: the training part warms the state up, the key's error statistics start
 * afresh at the split (as after a model swap), and the validation events are reported.
 *
 * <p>The state at the split depends only on the network and normaliser, not on the calibration, so
 * {@link #warm} computes it once and {@link #validation} replays only the validation events from
 * copies of it, for calibration passes that try several thresholds.
 */
public final class ServingPass {
    /** Receives each validation event's output. */
    public interface Visitor {
        /**
         * @param previous the forecast made after the event before (raw units, {@code p.length}
         *     values, then a Gaussian head's {@code p.length} standard deviations); null in a
         *     {@link #validation} pass
         */
        public void validation(PreparedKey key, int index, Event e, Prediction p, float[] previous);

        /** The model refused the event; by default that is an error naming key and event. */
        public default void refused(PreparedKey key, int index, Event e, RejectReason reason) {
            throw new IllegalStateException(
                    "the model refused event "
                            + index
                            + " of key '"
                            + key.key()
                            + "': "
                            + reason.id());
        }
    }

    private ServingPass() {}

    /** Runs every key's whole history, reporting validation events with the previous forecast. */
    public static void run(Model model, ScoringConfig config, List<PreparedKey> keys, Visitor v) {
        ModelServable servable = new ModelServable(model, config);
        float[] previous = new float[model.network().outputSize()];
        for (PreparedKey k : keys) {
            KeyState s = servable.newState();
            Event[] events = k.events();
            for (int t = 0; t < events.length; t++) {
                if (t == k.split()) {
                    s.errorStats.clear();
                }
                Prediction p = step(servable, k, t, s, v);
                if (p != null) {
                    if (t >= k.split()) {
                        v.validation(k, t, events[t], p, previous);
                    }
                    System.arraycopy(p.values, 0, previous, 0, p.length);
                    if (p.std != null) {
                        System.arraycopy(p.std, 0, previous, p.length, p.length);
                    }
                }
            }
        }
    }

    /** Each key's state after its training part, statistics cleared, one per key in order. */
    public static KeyState[] warm(Model model, ScoringConfig config, List<PreparedKey> keys) {
        ModelServable servable = new ModelServable(model, config);
        KeyState[] states = new KeyState[keys.size()];
        Visitor strict = (k, t, e, p, prev) -> {};
        for (int i = 0; i < keys.size(); i++) {
            PreparedKey k = keys.get(i);
            KeyState s = servable.newState();
            for (int t = 0; t < k.split(); t++) {
                step(servable, k, t, s, strict);
            }
            s.errorStats.clear();
            states[i] = s;
        }
        return states;
    }

    /**
     * Runs the validation events from copies of the {@link #warm} states; {@code model} must have
     * the network and normaliser the states were warmed with (its calibration may differ).
     */
    public static void validation(
            Model model, ScoringConfig config, List<PreparedKey> keys, KeyState[] warm, Visitor v) {
        ModelServable servable = new ModelServable(model, config);
        for (int i = 0; i < keys.size(); i++) {
            PreparedKey k = keys.get(i);
            KeyState s = warm[i].copy();
            for (int t = k.split(); t < k.events().length; t++) {
                Prediction p = step(servable, k, t, s, v);
                if (p != null) {
                    v.validation(k, t, k.events()[t], p, null);
                }
            }
        }
    }

    private static Prediction step(
            ModelServable servable, PreparedKey k, int t, KeyState s, Visitor v) {
        Event e = k.events()[t];
        RejectReason why = servable.check(e, s);
        if (why != null) {
            v.refused(k, t, e, why);
            return null;
        }
        return servable.process(e, s);
    }
}
