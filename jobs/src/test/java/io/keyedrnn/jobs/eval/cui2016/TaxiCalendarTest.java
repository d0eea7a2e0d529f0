package io.keyedrnn.jobs.eval.cui2016;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.jobs.eval.EvalData;
import io.keyedrnn.jobs.eval.data.TaxiCsv;
import io.keyedrnn.jobs.eval.data.TaxiSeries;
import io.keyedrnn.model.io.CalendarInputs;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The suite's own calendar features are the product's calendar inputs of the record's time: a model
 * trained with {@code calendar.inputs=time_of_day,day_of_week} would see the same values.
 */
class TaxiCalendarTest {
    @Test
    void taxiFeaturesEqualTheProductsDerivationAtEveryRecord() throws Exception {
        TaxiSeries s = TaxiCsv.read(EvalData.dir().resolve("cui2016").resolve("nyc_taxi.csv"));
        CalendarInputs both = CalendarInputs.parse("time_of_day,day_of_week");
        float[] suite = new float[TaxiFeatures.WIDTH];
        float[] product = new float[1 + both.width()];
        for (int i = 0; i < s.size(); i++) {
            TaxiFeatures.calendar(s, i, suite);
            both.derive(s.timestamps()[i].toInstant(ZoneOffset.UTC).toEpochMilli(), product, 1);
            for (int f = 1; f < TaxiFeatures.WIDTH; f++) {
                assertEquals(suite[f], product[f], "record " + i + " input " + f);
            }
        }
    }
}
