package io.keyedrnn.jobs.eval.cui2016;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.eval.EvalData;
import io.keyedrnn.jobs.eval.data.TaxiCsv;
import io.keyedrnn.jobs.eval.data.TaxiSeries;
import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    @Test
    void smallHandCase() {
        // truth 1,2,3,4: mean 2.5, population variance (2.25+0.25+0.25+2.25)/4 = 1.25.
        // Scored from index 2: errors 3-2 = 1 and 4-6 = -2 -> RMSE sqrt(5/2).
        double[] truth = {1, 2, 3, 4};
        double[] pred = {Double.NaN, Double.NaN, 2, 6};
        assertEquals(
                Math.sqrt(2.5) / Math.sqrt(1.25), ForecastMetrics.nrmse(truth, pred, 2), 1e-12);
        // Σ|e| = 3, Σ|truth| = 7.
        assertEquals(3.0 / 7, ForecastMetrics.mape(truth, pred, 2), 1e-12);
    }

    @Test
    void shiftBaselineReproducesThePublishedFigures() {
        // README (recomputed from htmresearch's files): shift (value 5 steps ago) 0.926 / 32.2%.
        TaxiSeries t = TaxiCsv.read(EvalData.dir().resolve("cui2016").resolve("nyc_taxi.csv"));
        double[] shift = ShiftBaseline.predict(t.counts(), 5);
        int from = ForecastMetrics.SCORED_FROM;
        assertEquals(0.926, ForecastMetrics.nrmse(t.counts(), shift, from), 0.002);
        assertEquals(0.322, ForecastMetrics.mape(t.counts(), shift, from), 0.002);
    }

    @Test
    void rejectsMissingPredictionsAndBadRanges() {
        double[] truth = {1, 2, 3};
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ForecastMetrics.nrmse(truth, new double[] {1, Double.NaN, 3}, 1));
        assertTrue(e.getMessage().contains("record 1"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastMetrics.mape(truth, new double[2], 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastMetrics.mape(truth, new double[3], 3));
        assertThrows(IllegalArgumentException.class, () -> ShiftBaseline.predict(truth, 0));
    }
}
