package io.keyedrnn.jobs.train.history;

import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import java.io.Serializable;

/**
 * How records become events, in a form Flink ships to its tasks: JSON field paths, input kind,
 * required feature count (0 = any) and CSV columns.
 */
public record ReadSpec(
        String keyPath,
        String tsPath,
        String featuresPath,
        String tokenPath,
        boolean categorical,
        int features,
        CsvLayout.Columns csv)
        implements Serializable {

    public static ReadSpec of(
            EventFields f, boolean categorical, int features, CsvLayout.Columns csv) {
        return new ReadSpec(
                f.key(), f.timestamp(), f.features(), f.token(), categorical, features, csv);
    }

    /** A parser of JSON records (not thread-safe: one per task). */
    public EventParser jsonParser() {
        EventFields f = new EventFields(keyPath, tsPath, featuresPath, tokenPath);
        return categorical ? EventParser.categorical(f, null) : EventParser.numeric(f, features);
    }
}
