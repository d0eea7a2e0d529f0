package io.keyedrnn.jobs.train.prepare;

import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.jobs.train.prepare.PreparedData.PreparedKey;
import io.keyedrnn.model.io.CalendarInputs;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.Vocabulary;
import io.keyedrnn.train.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link History} into {@link PreparedData}: drops what cannot be trained on (counted by
 * reason), splits each key into a training part and the later validation part, fits the normaliser
 * or builds the vocabulary on the training parts only, and builds the trainer's sequences.
 *
 * <p>Split: a key of n events holds back its last floor(n × fraction) events for validation, but
 * always keeps at least two events for training (one prediction); with fraction 0 nothing is held
 * out and every event trains (no validation data then). A key with one event is skipped ({@code
 * single_event_key}). Numeric events whose feature count differs from the model's (the initial
 * model's, {@code input.features}, else the most common count) are skipped ({@code
 * wrong_feature_count}). With an initial model its normaliser and vocabulary are kept, so its
 * weights keep seeing the inputs they were trained on.
 *
 * <p>Calendar inputs ({@code calendar.inputs}, else the initial model's): each numeric row the
 * trainer sees is the event's features followed by the inputs derived from its time, as serving
 * derives them; the normaliser covers both, and the trainer's next-step target is that whole row.
 * Events without a time are then skipped ({@code missing_timestamp}).
 */
public final class Preparation {
    /** The settings preparation needs. */
    public record Options(
            boolean categorical,
            int features,
            boolean zscore,
            double validationFraction,
            int vocabularySize,
            boolean unknownAsUnk,
            List<String> featureNames,
            boolean endToken,
            long sessionGapMs,
            CalendarInputs calendar) {

        /** Without calendar inputs asked for (none, or the initial model's). */
        public Options(
                boolean categorical,
                int features,
                boolean zscore,
                double validationFraction,
                int vocabularySize,
                boolean unknownAsUnk,
                List<String> featureNames,
                boolean endToken,
                long sessionGapMs) {
            this(
                    categorical,
                    features,
                    zscore,
                    validationFraction,
                    vocabularySize,
                    unknownAsUnk,
                    featureNames,
                    endToken,
                    sessionGapMs,
                    null);
        }

        /** Without session ends. */
        public Options(
                boolean categorical,
                int features,
                boolean zscore,
                double validationFraction,
                int vocabularySize,
                boolean unknownAsUnk,
                List<String> featureNames) {
            this(
                    categorical,
                    features,
                    zscore,
                    validationFraction,
                    vocabularySize,
                    unknownAsUnk,
                    featureNames,
                    false,
                    0);
        }
    }

    private final Options o;
    private final Model init;
    private final SkipCounts skipped;

    private Preparation(Options o, Model init, SkipCounts skipped) {
        this.o = o;
        this.init = init;
        this.skipped = skipped;
    }

    /**
     * Prepares the history; {@code fileFeatureNames} are the CSV header's (empty for JSON lines).
     * Throws IllegalArgumentException naming the problem when nothing can be trained on.
     */
    public static PreparedData prepare(
            History h, Options o, Model init, List<String> fileFeatureNames) {
        Preparation p = new Preparation(o, init, h.skipped());
        if (h.keys().isEmpty()) {
            throw new IllegalArgumentException(
                    "no events to train on in "
                            + h.source()
                            + " ("
                            + h.skipped().totalEvents()
                            + " records skipped: "
                            + h.skipped().events()
                            + ")");
        }
        PreparedData d = o.categorical() ? p.tokens(h) : p.numeric(h, fileFeatureNames);
        if (d.training().isEmpty()) {
            throw new IllegalArgumentException(
                    "no key has two or more usable events; skipped: " + d.skipped().events());
        }
        if (d.validation().isEmpty() && o.validationFraction() > 0) {
            throw new IllegalArgumentException(
                    "no validation data: every key is too short to hold back "
                            + o.validationFraction()
                            + " of its events and keep two for training; use more history or a"
                            + " larger --validation-fraction");
        }
        return d;
    }

    /** Index of the first validation event of a key of n ≥ 2 events. */
    public static int split(int n, double fraction) {
        int validation = (int) Math.floor(n * fraction);
        return Math.max(2, n - validation);
    }

    private PreparedData numeric(History h, List<String> fileFeatureNames) {
        int width =
                init != null
                        ? init.eventFeatures()
                        : o.features() > 0 ? o.features() : modalWidth(h);
        CalendarInputs calendar = calendar();
        List<KeyHistory> kept = new ArrayList<>();
        List<float[][]> rows = new ArrayList<>();
        List<Integer> splits = new ArrayList<>();
        for (KeyHistory k : h.keys()) {
            KeyHistory w = withWidth(k, width);
            w = calendar.isEmpty() ? w : timed(w);
            if (usable(w)) {
                kept.add(w);
                rows.add(CalendarRows.of(w, calendar));
                splits.add(split(w.length(), o.validationFraction()));
            }
        }
        Normalizer norm = null;
        if (o.zscore() && !kept.isEmpty()) {
            Normalizer own = init != null ? init.metadata().normalizer() : null;
            norm = own != null ? own : NormalizerFit.fit(rows, splits, width + calendar.width());
        }
        List<PreparedKey> keys = new ArrayList<>();
        List<Sequence> training = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            KeyHistory k = kept.get(i);
            int n = k.length();
            int split = splits.get(i);
            float[][] z = new float[n][];
            Event[] events = new Event[n];
            for (int t = 0; t < n; t++) {
                z[t] = NormalizerFit.apply(norm, rows.get(i)[t]);
                events[t] = Event.numeric(k.key(), k.ts()[t], k.rows()[t]);
            }
            keys.add(new PreparedKey(k.key(), events, split));
            training.add(Sequence.numeric(k.key(), Arrays.copyOf(z, split)));
            if (split < n) {
                validation.add(new Sequence(k.key(), z, null, split));
            }
        }
        return new PreparedData(
                false,
                width,
                norm,
                null,
                false,
                featureNames(width, fileFeatureNames),
                keys,
                training,
                validation,
                skipped,
                calendar);
    }

    /**
     * The calendar inputs to train with: the initial model's (the setting, if given, must agree),
     * else the setting's, else none.
     */
    private CalendarInputs calendar() {
        CalendarInputs asked = o.calendar();
        if (init == null) {
            return asked != null ? asked : CalendarInputs.NONE;
        }
        CalendarInputs own = init.metadata().calendarInputs();
        if (asked != null && !asked.equals(own)) {
            throw new IllegalArgumentException(
                    "calendar.inputs "
                            + asked.text()
                            + " differs from the initial model's "
                            + own.text()
                            + "; its weights take the inputs it was trained on");
        }
        return own;
    }

    /** The key without events that have no time (counted as skipped). */
    private KeyHistory timed(KeyHistory k) {
        int good = 0;
        for (long ts : k.ts()) {
            good += ts != Event.NO_TIMESTAMP ? 1 : 0;
        }
        if (good == k.length()) {
            return k;
        }
        long[] ts = new long[good];
        float[][] rows = new float[good][];
        int j = 0;
        for (int t = 0; t < k.length(); t++) {
            if (k.ts()[t] != Event.NO_TIMESTAMP) {
                ts[j] = k.ts()[t];
                rows[j++] = k.rows()[t];
            }
        }
        skipped.events(
                "missing_timestamp",
                k.length() - good,
                "key '" + k.key() + "' has events without a time; calendar inputs need one");
        return new KeyHistory(k.key(), ts, rows, null);
    }

    /** Whether a key has enough events to train on; counts it as skipped when not. */
    private boolean usable(KeyHistory k) {
        if (k.length() >= 2) {
            return true;
        }
        if (k.length() == 1) {
            skipped.key("single_event_key", 1, "key '" + k.key() + "' has a single event");
        } else {
            skipped.key("no_usable_events", 0, "key '" + k.key() + "' has no usable event");
        }
        return false;
    }

    /** The most common feature count (ties: the smaller). */
    private static int modalWidth(History h) {
        Map<Integer, Long> counts = new HashMap<>();
        for (KeyHistory k : h.keys()) {
            for (float[] r : k.rows()) {
                counts.merge(r.length, 1L, Long::sum);
            }
        }
        int best = 0;
        long bestCount = -1;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            boolean better =
                    e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best;
            if (better) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** The key without events of another feature count (counted as skipped). */
    private KeyHistory withWidth(KeyHistory k, int width) {
        int good = 0;
        for (float[] r : k.rows()) {
            good += r.length == width ? 1 : 0;
        }
        if (good == k.length()) {
            return k;
        }
        long[] ts = new long[good];
        float[][] rows = new float[good][];
        int j = 0;
        String example = null;
        for (int t = 0; t < k.length(); t++) {
            float[] r = k.rows()[t];
            if (r.length == width) {
                ts[j] = k.ts()[t];
                rows[j++] = r;
            } else if (example == null) {
                example =
                        "key '"
                                + k.key()
                                + "' event "
                                + t
                                + " has "
                                + r.length
                                + " features, expected "
                                + width;
            }
        }
        skipped.events("wrong_feature_count", k.length() - good, example);
        return new KeyHistory(k.key(), ts, rows, null);
    }

    private List<String> featureNames(int width, List<String> fileNames) {
        if (init != null && init.metadata().featureNames() != null) {
            return init.metadata().featureNames();
        }
        if (!o.featureNames().isEmpty()) {
            if (o.featureNames().size() != width) {
                throw new IllegalArgumentException(
                        "feature.names lists "
                                + o.featureNames().size()
                                + " names but the events have "
                                + width
                                + " features");
            }
            return o.featureNames();
        }
        return fileNames.size() == width ? fileNames : null;
    }

    private PreparedData tokens(History h) {
        List<KeyHistory> kept = new ArrayList<>();
        List<String[]> raw = new ArrayList<>();
        List<Integer> splits = new ArrayList<>();
        for (KeyHistory k : h.keys()) {
            if (usable(k)) {
                k = o.endToken() ? SessionEnds.mark(k, o.sessionGapMs()) : k;
                kept.add(k);
                raw.add(k.tokens());
                splits.add(split(k.length(), o.validationFraction()));
            }
        }
        List<String> vocab =
                init != null
                        ? initVocabulary(init)
                        : TokenVocabulary.build(raw, splits, o.vocabularySize(), o.unknownAsUnk());
        if (o.endToken() && !vocab.contains(Vocabulary.END)) {
            // A key of one session ends only in its validation part; the token must exist anyway.
            vocab = new ArrayList<>(vocab);
            vocab.add(Vocabulary.END);
        }
        TokenCoder coder = new TokenCoder(vocab, o.unknownAsUnk(), skipped);
        List<PreparedKey> keys = new ArrayList<>();
        List<Sequence> training = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            TokenCoder.Coded c = coder.code(kept.get(i), splits.get(i));
            if (c == null) {
                continue;
            }
            keys.add(new PreparedKey(kept.get(i).key(), c.events(), c.split()));
            training.add(Sequence.tokens(kept.get(i).key(), Arrays.copyOf(c.ids(), c.split())));
            if (c.split() < c.ids().length) {
                validation.add(new Sequence(kept.get(i).key(), null, c.ids(), c.split()));
            }
        }
        return new PreparedData(
                true,
                0,
                null,
                vocab,
                coder.mapsUnknown(),
                null,
                keys,
                training,
                validation,
                skipped,
                CalendarInputs.NONE);
    }

    /** The initial model's vocabulary, or its decimal token ids when it lists none. */
    private static List<String> initVocabulary(Model m) {
        if (m.metadata().vocabulary() != null) {
            return m.metadata().vocabulary();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < m.network().embedding().vocabularySize(); i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    /** Whether tokens outside the vocabulary map to {@code <unk>} with these settings. */
    static boolean mapsUnknown(List<String> vocab, boolean unknownAsUnk) {
        return unknownAsUnk && vocab.contains(Vocabulary.UNKNOWN);
    }
}
