package io.keyedrnn.bench.flink;

import io.keyedrnn.flink.ParsedRecord;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.serve.Event;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Event i of the benchmark stream: key {@code i mod keys}, step {@code i / keys}, smooth features.
 * Parsed events go straight to the keyed step, so the harness measures keyBy + state + model.
 */
final class GeneratedEvents implements MapFunction<Long, ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final RawRecord SOURCE = new RawRecord(new byte[0], "generated", 0, 0, 0);

    private final int keys;
    private final int features;
    private final String[] names;

    GeneratedEvents(int keys, int features) {
        this.keys = keys;
        this.features = features;
        this.names = new String[keys];
        for (int k = 0; k < keys; k++) {
            names[k] = "k" + k;
        }
    }

    @Override
    public ParsedRecord map(Long i) {
        int k = (int) (i % keys);
        long t = i / keys;
        float[] x = new float[features];
        for (int f = 0; f < features; f++) {
            x[f] = (float) Math.sin(0.1 * t + 0.7 * k + f);
        }
        return new ParsedRecord(Event.numeric(names[k], 1_700_000_000_000L + t * 1000, x), SOURCE);
    }
}
