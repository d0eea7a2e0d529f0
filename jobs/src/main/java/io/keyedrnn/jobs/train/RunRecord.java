package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.calibrate.Calibrator;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.train.EpochStats;
import io.keyedrnn.train.TrainingListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one training run did, filled in step by step; the training summary in the model file and the
 * HTML report are both made from it, so they cannot disagree. Fields stay null (or empty) for steps
 * the run did not reach.
 */
final class RunRecord implements TrainingListener {
    TrainingOutcome.Status status;
    String message;
    Instant started = Instant.now();
    String source;
    Path out;
    Map<String, Object> config;
    SkipCounts skipped = new SkipCounts();
    PreparedData data;
    final List<EpochStats> epochs = new ArrayList<>();
    int bestEpoch;
    boolean stoppedEarly;
    double timestepsPerSecond;
    double validationLoss = Double.NaN;
    Long currentVersion;
    String currentOrigin;
    Double currentLoss;
    String currentProblem;
    Calibrator.Result calibration;

    /** Whether the calibration ran on the training events (no validation hold-out). */
    boolean calibratedOnTraining;

    long version;
    String publishedTo;

    @Override
    public void onEpoch(EpochStats s) {
        epochs.add(s);
    }

    /** Both listeners, the progress printer first. */
    static TrainingListener both(TrainingListener a, TrainingListener b) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochStats s) {
                a.onEpoch(s);
                b.onEpoch(s);
            }

            @Override
            public void onProgress(int epoch, long done, long total) {
                a.onProgress(epoch, done, total);
                b.onProgress(epoch, done, total);
            }
        };
    }
}
