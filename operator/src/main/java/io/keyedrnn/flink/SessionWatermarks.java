package io.keyedrnn.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks for event-time session gaps: events run on their own time (the event's ts, which the
 * parse stage took from the Kafka record when the event had none) with the allowed lateness as the
 * out-of-orderness bound and the gap as idleness timeout; the models stream declares it never holds
 * event time back, since a two-input operator's event time is the smaller of its inputs'.
 */
final class SessionWatermarks {
    private SessionWatermarks() {}

    static WatermarkStrategy<ParsedRecord> events(ScoringOptions options) {
        long lateness = options.scoringConfig().allowedLatenessMs();
        Duration bound = Duration.ofMillis(lateness == Long.MAX_VALUE ? 0 : lateness);
        return WatermarkStrategy.<ParsedRecord>forBoundedOutOfOrderness(bound)
                .withTimestampAssigner(
                        (r, recordTs) -> r.event.hasTimestamp() ? r.event.getTimestamp() : recordTs)
                .withIdleness(Duration.ofMillis(options.session().gapMs()));
    }

    static <T> WatermarkStrategy<T> models() {
        return WatermarkStrategy.forGenerator(ctx -> new NeverHoldsBack<>());
    }

    /** Emits the largest watermark once, so this input never decides the operator's event time. */
    private static final class NeverHoldsBack<T> implements WatermarkGenerator<T> {
        private boolean emitted;

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            onPeriodicEmit(output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!emitted) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                emitted = true;
            }
        }
    }
}
