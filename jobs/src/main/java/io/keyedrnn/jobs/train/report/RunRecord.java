package io.keyedrnn.jobs.train.report;

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
public final class RunRecord implements TrainingListener {
    public RunStatus status;
    public String message;
    public Instant started = Instant.now();
    public String source;
    public Path out;
    public Map<String, Object> config;
    public SkipCounts skipped = new SkipCounts();
    public PreparedData data;
    public final List<EpochStats> epochs = new ArrayList<>();
    public int bestEpoch;
    public boolean stoppedEarly;
    public double timestepsPerSecond;
    public double validationLoss = Double.NaN;
    public Long currentVersion;
    public String currentOrigin;
    public Double currentLoss;
    public String currentProblem;
    public Calibrator.Result calibration;

    /** Whether the calibration ran on the training events (no validation hold-out). */
    public boolean calibratedOnTraining;

    public long version;
    public String publishedTo;

    @Override
    public void onEpoch(EpochStats s) {
        epochs.add(s);
    }

    /** Both listeners, the progress printer first. */
    public static TrainingListener both(TrainingListener a, TrainingListener b) {
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
