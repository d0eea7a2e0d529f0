package io.keyedrnn.jobs.eval.cui2016;

/**
 * What the cui2016 suite measured over targets [from, to).
 *
 * @param retrains training runs (the first included)
 * @param published runs that published a new model version
 * @param seconds wall time of the whole run
 */
public record TaxiResult(
        int from,
        int to,
        double nrmse,
        double mape,
        double shiftNrmse,
        double shiftMape,
        int retrains,
        int published,
        double seconds) {}
