package io.keyedrnn.train;

import io.keyedrnn.model.RecurrentNetwork;
import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param network the trained network: the best epoch's on validation loss, else the last epoch's
 * @param parameters the same weights as flat PyTorch-named tensors
 * @param epochs one entry per epoch run
 * @param bestEpoch the epoch (from 1) whose weights were returned
 * @param stoppedEarly whether patience ran out before the configured epochs
 * @param timesteps key-steps trained over all epochs
 * @param seconds wall time spent training (validation excluded)
 */
public record TrainResult(
        RecurrentNetwork network,
        Parameters parameters,
        List<EpochStats> epochs,
        int bestEpoch,
        boolean stoppedEarly,
        long timesteps,
        double seconds) {

    public TrainResult {
        epochs = List.copyOf(epochs);
    }

    /** Training throughput over the whole run. */
    public double timestepsPerSecond() {
        return seconds > 0 ? timesteps / seconds : 0;
    }

    /** Per-epoch training losses. */
    public double[] losses() {
        return epochs.stream().mapToDouble(EpochStats::loss).toArray();
    }

    /** Per-epoch validation losses (NaN without validation data). */
    public double[] validationLosses() {
        return epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
    }

    /** The validation loss of the returned weights, NaN without validation data. */
    public double bestValidationLoss() {
        return epochs.get(bestEpoch - 1).validationLoss();
    }
}
