package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.train.Sequence;
import java.util.List;

/**
 * The history made ready for training: per key the events kept and the split between the training
 * part and the later validation part, the trainer's sequences, and what the model file records
 * about the input (normaliser, vocabulary, feature names).
 *
 * @param categorical token input (else numeric features)
 * @param width features per event (numeric)
 * @param normalizer the fitted (or the initial model's) normaliser, null for raw features
 * @param vocabulary tokens in id order (categorical), else null
 * @param unknownMapped whether unknown tokens map to {@code <unk>} (serving needs an open
 *     vocabulary)
 * @param featureNames feature names (numeric), or null when unknown
 * @param keys the keys trained on, in key order
 * @param training each key's training part, normalised
 * @param validation each key's whole history with losses counted from its split (keys with a
 *     validation part only)
 * @param skipped the history's skip counts plus what preparation left out
 * @param calendar the calendar inputs each numeric row carries after its {@code width} features
 */
public record PreparedData(
        boolean categorical,
        int width,
        Normalizer normalizer,
        List<String> vocabulary,
        boolean unknownMapped,
        List<String> featureNames,
        List<PreparedKey> keys,
        List<Sequence> training,
        List<Sequence> validation,
        SkipCounts skipped,
        CalendarInputs calendar) {

    /** The network's numeric inputs: the features and the calendar inputs. */
    public int inputWidth() {
        return width + calendar.width();
    }

    /** One key's kept events (raw, as serving receives them) and its split index. */
    public record PreparedKey(String key, Event[] events, int split) {
        public int validationEvents() {
            return events.length - split;
        }
    }

    /**
     * The same data with every key's split at 0, so that a {@link ServingPass} reports every event:
     * calibration on the training events when nothing was held out.
     */
    public PreparedData everyEventScored() {
        List<PreparedKey> all =
                keys.stream().map(k -> new PreparedKey(k.key(), k.events(), 0)).toList();
        return new PreparedData(
                categorical,
                width,
                normalizer,
                vocabulary,
                unknownMapped,
                featureNames,
                all,
                training,
                validation,
                skipped,
                calendar);
    }

    public long events() {
        return keys.stream().mapToLong(k -> k.events().length).sum();
    }

    public long trainingEvents() {
        return keys.stream().mapToLong(PreparedKey::split).sum();
    }

    public long validationEvents() {
        return keys.stream().mapToLong(PreparedKey::validationEvents).sum();
    }

    /** Earliest and latest event time of the kept events ({@code NO_TIMESTAMP} when none). */
    public long[] timeRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (PreparedKey k : keys) {
            for (Event e : k.events()) {
                if (e.hasTimestamp()) {
                    lo = Math.min(lo, e.getTimestamp());
                    hi = Math.max(hi, e.getTimestamp());
                }
            }
        }
        return lo > hi ? new long[] {Event.NO_TIMESTAMP, Event.NO_TIMESTAMP} : new long[] {lo, hi};
    }
}
