package io.keyedrnn.flink;

import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.PredictionEncoder;
import io.keyedrnn.serve.RejectReason;
import io.keyedrnn.serve.SessionStep;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Where one event's (or session end's) predictions and dead letters go: one reusable object per
 * subtask, aimed at each event with {@link #of} before anything is written through it.
 */
final class EventOutput implements SessionStep.Output {
    private final PredictionEncoder encoder;
    private final ScoringMetrics metrics;

    /** The scoring function's context: its side output takes the dead letters. */
    private ScoringFunction.ReadOnlyContext ctx;

    private Collector<Tuple2<String, byte[]>> out;
    private ParsedRecord record;
    private long start;

    EventOutput(PredictionEncoder encoder, ScoringMetrics metrics) {
        this.encoder = encoder;
        this.metrics = metrics;
    }

    /**
     * Aims this output at the event r (null for a session end by timer, which has no record to
     * dead-letter), its context and collector; start as {@link ScoringMetrics#startStep}.
     */
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

    /** The prediction in the job's format, keyed by its key. */
    @Override
    public void prediction(Prediction p) {
        out.collect(Tuple2.of(p.key, encoder.toBytes(p)));
        metrics.scored(start, p.anomaly);
    }

    @Override
    public void nonFinite(String why) {
        deadLetter(RejectReason.NON_FINITE_STATE.id(), why);
    }

    /** The current event as a dead letter with this reason. */
    void deadLetter(String reason, String message) {
        metrics.deadLetter(reason);
        ctx.output(
                ScoringPipeline.DEAD_LETTERS,
                new DeadLetter(reason, message, record.key(), record.source));
    }
}
