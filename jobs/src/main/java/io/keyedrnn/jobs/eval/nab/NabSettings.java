package io.keyedrnn.jobs.eval.nab;

import java.util.Map;

/**
 * Settings of the nab suite, fixed before looking at any label of the scored part, the same for
 * every file.
 *
 * @param maxFiles files scored, in name order (all unless quick)
 * @param validationShare last share of the probationary rows held out from training for early
 *     stopping
 * @param minThreshold the scoring path's default z threshold, the floor of every file's threshold
 * @param retrainGrowth causal retraining: the first retraining runs when the stream has reached
 *     growth × the probationary rows, each next one when it has grown by that factor again; 0: the
 *     probation model serves the whole file
 * @param retrainWindow each retraining sees at most this many of the rows already streamed (the
 *     latest)
 * @param retrainEpochs epochs of a warm-started retraining (patience as for the first training)
 * @param calendar the retraining job's {@code calendar.inputs}: inputs the model derives from each
 *     row's timestamp ({@code none}: the value only, and the rows keep file order as time)
 * @param scoring the scoring path's settings (keys of config/scoring.yaml)
 * @param head the model's head (training setting {@code head}): linear or gaussian
 */
public record NabSettings(
        int maxFiles,
        int hidden,
        int epochs,
        int patience,
        double validationShare,
        double minThreshold,
        long seed,
        double retrainGrowth,
        int retrainWindow,
        int retrainEpochs,
        String calendar,
        Map<String, String> scoring,
        String head) {

    /** The calendar inputs of {@link #full} and {@link #quick}. */
    public static final String CALENDAR = "time_of_day";

    /**
     * The detector's scoring settings: NuPIC's anomaly likelihood (short window 10, long window
     * 8640 of short-window means) on NAB's log scale, z capped at 20 where it enters the
     * likelihood, NAB numenta's 5% range margin, and a quiet period of 100 events after an alert;
     * alerting events stay out of the statistics, and a retrained model keeps them.
     */
    public static final Map<String, String> DETECTOR =
            Map.ofEntries(
                    Map.entry("likelihood.short.window", "10"),
                    Map.entry("likelihood.long.window", "8640"),
                    Map.entry("likelihood.history", "averages"),
                    Map.entry("likelihood.log.scale", "true"),
                    Map.entry("likelihood.cap", "20"),
                    Map.entry("likelihood.threshold", "0.8"),
                    Map.entry("range.margin", "0.05"),
                    Map.entry("alert.quiet.events", "100"),
                    Map.entry("learn.from.alerts", "false"),
                    Map.entry("swap.keep.statistics", "true"));

    /** The detector's model head: a next-step value trained on squared error. */
    public static final String HEAD = "linear";

    public static NabSettings full(long seed) {
        return new NabSettings(
                Integer.MAX_VALUE,
                16,
                40,
                5,
                0.2,
                4.0,
                seed,
                2.0,
                3000,
                5,
                CALENDAR,
                DETECTOR,
                HEAD);
    }

    /** A small slice for CI: three files, short training, one retraining each. */
    public static NabSettings quick(long seed) {
        return new NabSettings(3, 8, 3, 1, 0.2, 4.0, seed, 2.0, 1500, 1, CALENDAR, DETECTOR, HEAD);
    }

    /** A copy whose model has the given head. */
    public NabSettings withHead(String newHead) {
        return withModelInputs(calendar, newHead);
    }

    /** The same settings with other calendar inputs. */
    public NabSettings withCalendar(String inputs) {
        return withModelInputs(inputs, head);
    }

    private NabSettings withModelInputs(String newCalendar, String newHead) {
        return new NabSettings(
                maxFiles,
                hidden,
                epochs,
                patience,
                validationShare,
                minThreshold,
                seed,
                retrainGrowth,
                retrainWindow,
                retrainEpochs,
                newCalendar,
                scoring,
                newHead);
    }

    /** Whether the models take calendar inputs, so training needs the rows' real times. */
    boolean usesCalendar() {
        return !calendar.equals("none");
    }
}
