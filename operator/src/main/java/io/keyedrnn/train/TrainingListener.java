package io.keyedrnn.train;

/** Receives progress from a {@link Trainer}, e.g. to print epoch lines and a progress bar. */
public interface TrainingListener {
    /** Called after each epoch. */
    default void onEpoch(EpochStats stats) {}

    /** Called after each optimizer step with the epoch's timesteps done so far and in total. */
    default void onProgress(int epoch, long done, long total) {}
}
