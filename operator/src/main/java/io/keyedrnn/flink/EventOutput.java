package io.keyedrnn.flink;

import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.SessionStep;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/** Where one event's predictions and dead letters go: one reusable object per subtask. */
final class EventOutput implements SessionStep.Output {
    private final PredictionJson json;
    private final ScoringMetrics metrics;

    /** The scoring function's context: its side output takes the dead letters. */
    private ScoringFunction.ReadOnlyContext ctx;

    private Collector<Tuple2<String, byte[]>> out;
    private ParsedRecord record;
    private long start;

    EventOutput(PredictionJson json, ScoringMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    /** Aims this output at the event r, its context and collector; start is its sampled time. */
    EventOutput of(
            ParsedRecord r,
            ScoringFunction.ReadOnlyContext ctx,
            Collector<Tuple2<String, byte[]>> out,
            long start) {
        this.record = r;
        this.ctx = ctx;
        this.out = out;
        this.start = start;
        return this;
    }

    @Override
    public void prediction(Prediction p) {
        emit(p, start, out);
    }

    @Override
    public void nonFinite(String why) {
        deadLetter(RejectReason.NON_FINITE_STATE.id(), why);
    }

    /** The prediction as JSON, keyed by its key; start as {@link ScoringMetrics#startStep}. */
    void emit(Prediction p, long start, Collector<Tuple2<String, byte[]>> out) {
        out.collect(Tuple2.of(p.key, json.toBytes(p)));
        metrics.scored(start, p.anomaly);
    }

    /** The current event as a dead letter with this reason. */
    void deadLetter(String reason, String message) {
        metrics.deadLetter(reason);
        ctx.output(
                ScoringPipeline.DEAD_LETTERS,
                new DeadLetter(reason, message, record.key(), record.source));
    }
}
