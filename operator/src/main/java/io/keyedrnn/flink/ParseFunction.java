package io.keyedrnn.flink;

import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.ParseResult;
import io.keyedrnn.serve.RejectReason;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw records before they are keyed: a record that is not an event (bad JSON, no key, bad
 * features or token) goes to the dead letters with its reason (and its key when the key was read
 * before the fault); an event without a timestamp takes the record's (Kafka) timestamp. Rules that
 * need the model are checked by {@link ScoringFunction}.
 */
public final class ParseFunction extends ProcessFunction<RawRecord, ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final ScoringOptions options;
    private transient EventParser parser;
    private transient ScoringMetrics metrics;

    public ParseFunction(ScoringOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        boolean categoricalModel = false;
        if (options.startupModel() != null) {
            categoricalModel =
                    ModelFile.read(options.startupModel(), options.startupModelName())
                            .network()
                            .isCategorical();
        }
        parser = options.keyParser(categoricalModel);
        metrics = new ScoringMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<ParsedRecord> out) {
        if (raw.value == null) {
            reject(ctx, raw, RejectReason.INVALID_JSON.id(), "the record has no value", null);
            return;
        }
        ParseResult result = parser.parse(raw.value);
        if (!result.isOk()) {
            reject(ctx, raw, result.reason().id(), result.message(), result.key());
            return;
        }
        Event e = result.event();
        if (!e.hasTimestamp() && raw.timestamp != RawRecord.NO_TIMESTAMP) {
            e.setTimestamp(raw.timestamp);
        }
        out.collect(new ParsedRecord(e, raw));
    }

    private void reject(Context ctx, RawRecord raw, String reason, String message, String key) {
        metrics.deadLetter(reason);
        ctx.output(ScoringPipeline.DEAD_LETTERS, new DeadLetter(reason, message, key, raw));
    }
}
