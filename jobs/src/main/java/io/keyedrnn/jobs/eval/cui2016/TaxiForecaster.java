package io.keyedrnn.jobs.eval.cui2016;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.data.TaxiSeries;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Streams the taxi counts through the scoring path as one key and forecasts {@code horizon} steps
 * ahead at every step by iterating the next-step prediction on a copy of the key's state, feeding
 * back predicted counts with the (known) calendar features. Retrains every {@code period} records
 * with the retraining job and swaps each new model version in through {@link ModelServable}'s swap
 * path; a run that does not beat the model in service publishes nothing, as in production.
 */
final class TaxiForecaster {
    private static final String KEY = "nyc_taxi";

    private final TaxiSeries series;
    private final TaxiSettings settings;
    private final TaxiTraining training;
    private final ScoringConfig config;
    private final ProgressOut progress;
    private final float[] features = new float[TaxiFeatures.WIDTH];
    private int retrains;
    private int published;

    TaxiForecaster(
            TaxiSeries series, TaxiSettings settings, TaxiTraining training, ProgressOut progress) {
        this.series = series;
        this.progress = progress;
        this.settings = settings;
        this.training = training;
        // Replay a week of inputs into a new model's state when it is swapped in.
        this.config = ScoringConfig.DEFAULTS.withRingSize(settings.period());
    }

    /** predicted[j] = the forecast of record j made at record j − horizon; NaN where none. */
    double[] run() {
        double[] predicted = new double[series.size()];
        Arrays.fill(predicted, Double.NaN);
        int first = settings.firstTraining();
        int h = settings.horizon();
        Path current = null;
        ModelServable servable = null;
        KeyState state = null;
        Progress records = progress.of("records", Math.max(0, settings.scoredTo() - h - first));
        for (int t = first; t + h < settings.scoredTo(); t++) {
            if ((t - first) % settings.period() == 0) {
                RetrainRunner.Outcome o = training.train(t, current, retrains + 1L);
                retrains++;
                if (o.model() != null) {
                    // A new version: the next event swaps it into the key's state.
                    published++;
                    current = o.file();
                    servable = new ModelServable(o.model(), config);
                    state = state == null ? servable.newState() : state;
                } else if (servable == null) {
                    throw new IllegalStateException(
                            "the first training run failed: " + o.message());
                }
            }
            TaxiFeatures.of(series, t, features);
            Prediction p = servable.process(event(t), state);
            if (p == null) {
                throw new IllegalStateException("the servable refused record " + t);
            }
            predicted[t + h] = ahead(servable, state, p.values[0], t);
            records.done(t + 1 - first);
        }
        records.finish();
        return predicted;
    }

    /** Training runs so far (the first one included). */
    int retrains() {
        return retrains;
    }

    /** Runs that published a new model version (the others did not beat the one in service). */
    int published() {
        return published;
    }

    /** Iterates the next-step forecast next1 (of record t+1) out to record t + horizon. */
    private double ahead(ModelServable servable, KeyState state, float next1, int t) {
        float c = next1;
        if (settings.horizon() == 1) {
            return c;
        }
        KeyState scratch = state.copy();
        for (int k = 1; k < settings.horizon(); k++) {
            features[0] = c;
            TaxiFeatures.calendar(series, t + k, features);
            c = servable.process(event(t + k), scratch).values[0];
        }
        return c;
    }

    private Event event(int i) {
        long ms = series.timestamps()[i].toInstant(ZoneOffset.UTC).toEpochMilli();
        return Event.numeric(KEY, ms, features);
    }
}
