package io.keyedrnn.train;

/** Thrown when the loss or the gradient becomes NaN or infinite; nothing should be published. */
public final class TrainingDivergedException extends ArithmeticException {
    private final int epoch;

    public TrainingDivergedException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
    }

    /** The epoch (from 1) in which training diverged. */
    public int epoch() {
        return epoch;
    }
}
