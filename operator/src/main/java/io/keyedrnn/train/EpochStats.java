package io.keyedrnn.train;

/**
 * What one epoch did.
 *
 * @param epoch the epoch, from 1
 * @param loss mean training loss over every prediction of the epoch (weights changing as it ran)
 * @param validationLoss mean validation loss after the epoch, NaN without validation data
 * @param timesteps key-steps trained in the epoch
 * @param seconds wall time of the training part of the epoch
 * @param best whether this epoch's validation loss is the best so far (true without validation)
 */
public record EpochStats(
        int epoch,
        double loss,
        double validationLoss,
        long timesteps,
        double seconds,
        boolean best) {

    /** Training throughput of the epoch. */
    public double timestepsPerSecond() {
        return seconds > 0 ? timesteps / seconds : 0;
    }
}
