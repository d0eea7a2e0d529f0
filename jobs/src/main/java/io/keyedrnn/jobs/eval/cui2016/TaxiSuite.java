package io.keyedrnn.jobs.eval.cui2016;

import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.Table;
import io.keyedrnn.jobs.eval.data.TaxiCsv;
import io.keyedrnn.jobs.eval.data.TaxiSeries;
import java.nio.file.Path;

/**
 * The cui2016 suite: NYC taxi passenger counts forecast 5 steps ahead at every step by an LSTM
 * retrained weekly on recent history, scored with the paper's NRMSE and MAPE (Cui, Ahmad &amp;
 * Hawkins 2016).
 */
public final class TaxiSuite {
    private TaxiSuite() {}

    /** Runs the suite on dataDir/cui2016/nyc_taxi.csv, showing the records done on progress. */
    public static TaxiResult run(Path dataDir, TaxiSettings settings, ProgressOut progress) {
        long start = System.nanoTime();
        TaxiSeries series = TaxiCsv.read(dataDir.resolve("cui2016").resolve("nyc_taxi.csv"));
        if (settings.scoredTo() > series.size()) {
            throw new IllegalArgumentException(
                    "scored range ends at "
                            + settings.scoredTo()
                            + " but the file has "
                            + series.size()
                            + " records");
        }
        float[][] rows = new float[series.size()][TaxiFeatures.WIDTH];
        for (int i = 0; i < rows.length; i++) {
            TaxiFeatures.of(series, i, rows[i]);
        }
        TaxiForecaster forecaster;
        double[] predicted;
        try (RetrainRunner runner = new RetrainRunner()) {
            forecaster =
                    new TaxiForecaster(
                            series, settings, new TaxiTraining(rows, settings, runner), progress);
            predicted = forecaster.run();
        }
        double[] shift = ShiftBaseline.predict(series.counts(), settings.horizon());
        int from = settings.scoredFrom();
        int to = settings.scoredTo();
        double[] truth = series.counts();
        return new TaxiResult(
                from,
                to,
                ForecastMetrics.nrmse(truth, predicted, from, to),
                ForecastMetrics.mape(truth, predicted, from, to),
                ForecastMetrics.nrmse(truth, shift, from, to),
                ForecastMetrics.mape(truth, shift, from, to),
                forecaster.retrains(),
                forecaster.published(),
                (System.nanoTime() - start) / 1e9);
    }

    /** The suite's table: measured rows, then the published figures from the data README. */
    public static String table(TaxiResult r, TaxiSettings s) {
        String range = r.from() + ".." + (r.to() - 1);
        Table t = new Table("model", "targets", "NRMSE", "MAPE", "source");
        t.row(
                "keyed-rnn LSTM-"
                        + s.hidden()
                        + ", retrained every "
                        + s.period()
                        + " on last "
                        + s.window(),
                range,
                Table.fixed(r.nrmse(), 3),
                Table.fixed(100 * r.mape(), 2) + "%",
                "measured");
        t.row(
                "shift (value 5 steps ago)",
                range,
                Table.fixed(r.shiftNrmse(), 3),
                Table.fixed(100 * r.shiftMape(), 2) + "%",
                "measured");
        t.row("LSTM, retrained on last 6000", "10000..17519", "0.274", "8.19%", "published");
        t.row("HTM", "10000..17519", "0.287", "8.09%", "published");
        t.row("ESN", "10000..17519", "0.286", "9.57%", "published");
        t.row("shift (value 5 steps ago)", "10000..17519", "0.926", "32.2%", "published");
        return t.render();
    }
}
