package io.keyedrnn.jobs.demo;

import java.nio.file.Path;

/**
 * What the demo runs.
 *
 * @param seconds how long events stream before the demo shuts down
 * @param keys number of hosts (keys)
 * @param rate events per second while streaming (0 = as fast as possible)
 * @param anomalyRate probability that a step of a host is an injected anomaly
 * @param historySteps steps per key produced before scoring starts, for the first training run
 * @param hidden LSTM hidden units of the trained models
 * @param epochs maximum training epochs
 * @param retrain whether to retrain on everything so far halfway and hot-swap the new model
 * @param parallelism parallelism of the scoring job
 * @param stateBackend hashmap or rocksdb
 * @param workDir where models and checkpoints go
 */
public record DemoSettings(
        int seconds,
        int keys,
        double rate,
        double anomalyRate,
        int historySteps,
        int hidden,
        int epochs,
        boolean retrain,
        int parallelism,
        String stateBackend,
        Path workDir) {

    public DemoSettings {
        check(seconds >= 5, "--duration must be at least 5 seconds");
        check(keys >= 1 && keys <= 1000, "--keys must be between 1 and 1000");
        check(rate >= 0, "--rate must be >= 0");
        check(anomalyRate >= 0 && anomalyRate < 0.5, "--anomaly-rate must be in [0, 0.5)");
        check(historySteps >= 2 * SeriesGenerator.DAY / 4, "--history must be at least 60 steps");
        check(parallelism >= 1 && parallelism <= 8, "--parallelism must be between 1 and 8");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
