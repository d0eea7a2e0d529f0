package io.keyedrnn.jobs.eval.cui2016;

/**
 * Settings of the cui2016 suite, fixed before looking at the scored records.
 *
 * @param window records of recent history each training run sees (the paper's best LSTM: 6000)
 * @param validation last records of that window held out for early stopping
 * @param period records between retraining runs (one week of half-hours)
 * @param horizon steps ahead predicted (5 = 2.5 hours)
 * @param scoredFrom first scored target record
 * @param scoredTo end (exclusive) of the scored target records
 * @param hidden LSTM units
 * @param firstEpochs epochs of the first training run (from random weights)
 * @param retrainEpochs epochs of each later run (warm start from the model in service)
 * @param patience epochs without a better validation loss before a run stops
 */
public record TaxiSettings(
        int window,
        int validation,
        int period,
        int horizon,
        int scoredFrom,
        int scoredTo,
        int hidden,
        int firstEpochs,
        int retrainEpochs,
        int patience,
        long seed) {

    /** The full protocol: targets from record 10,000 to the end of the 17,520 records. */
    public static TaxiSettings full(long seed) {
        return new TaxiSettings(6000, 336, 336, 5, 10_000, 17_520, 32, 40, 8, 6, seed);
    }

    /** A small slice for CI: two weeks of targets, short training. */
    public static TaxiSettings quick(long seed) {
        return new TaxiSettings(1000, 200, 336, 5, 10_000, 10_672, 8, 2, 1, 1, seed);
    }

    /** The retraining time in effect for the first scored forecast: a multiple of period. */
    int firstTraining() {
        return ((scoredFrom - horizon) / period) * period;
    }
}
