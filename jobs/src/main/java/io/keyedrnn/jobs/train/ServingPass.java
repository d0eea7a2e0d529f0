package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.PreparedData.PreparedKey;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.ScoringConfig;
import java.util.List;

/**
 * Runs the real serving step ({@link ModelServable}) over each key's whole history, as if the model
 * went live at the key's split: the training part warms the state up, the key's error statistics
 * start afresh at the split (as after a model swap), and the validation events are reported.
 */
final class ServingPass {
    /** Receives each validation event's output. */
    interface Visitor {
        /**
         * @param previous the forecast made after the event before (raw units, {@code p.length}
         *     values)
         */
        void validation(PreparedKey key, int index, Event e, Prediction p, float[] previous);

        /** The model refused the event; by default that is an error naming key and event. */
        default void refused(PreparedKey key, int index, Event e, RejectReason reason) {
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

    static void run(Model model, ScoringConfig config, List<PreparedKey> keys, Visitor v) {
        ModelServable servable = new ModelServable(model, config);
        int out = model.network().outputSize();
        float[] previous = new float[out];
        for (PreparedKey k : keys) {
            KeyState s = servable.newState();
            Event[] events = k.events();
            for (int t = 0; t < events.length; t++) {
                if (t == k.split()) {
                    s.errorStats.clear();
                }
                RejectReason why = servable.check(events[t], s);
                if (why != null) {
                    v.refused(k, t, events[t], why);
                    continue;
                }
                Prediction p = servable.process(events[t], s);
                if (t >= k.split()) {
                    v.validation(k, t, events[t], p, previous);
                }
                System.arraycopy(p.values, 0, previous, 0, out);
            }
        }
    }
}
