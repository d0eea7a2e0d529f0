package io.keyedrnn.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * Wires the scoring operators between any event and model streams: parse → key by event key → keyed
 * step with the broadcast models. Operator uids are fixed ({@value #PARSE_UID}, {@value
 * #SCORE_UID}) so savepoints survive changes around them. With an event-time session gap, events
 * get watermarks after parsing ({@link SessionWatermarks}) and the models stream one that never
 * holds event time back.
 */
public final class ScoringPipeline {
    public static final String PARSE_UID = "parse-events";
    public static final String SCORE_UID = "score";
    public static final String EVENT_WATERMARKS_UID = "session-event-watermarks";
    public static final String MODEL_WATERMARKS_UID = "session-model-watermarks";

    /** Side output of both stages: every record that could not be used. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Predictions as (event key, prediction JSON). */
    public static final TypeInformation<Tuple2<String, byte[]>> PREDICTION_TYPE =
            Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE));

    private ScoringPipeline() {}

    /** The two outputs of the pipeline. */
    public record Outputs(
            DataStream<Tuple2<String, byte[]>> predictions, DataStream<DeadLetter> deadLetters) {}

    public static Outputs apply(
            DataStream<RawRecord> events, DataStream<RawRecord> models, ScoringOptions options) {
        SingleOutputStreamOperator<ParsedRecord> parsed =
                events.process(new ParseFunction(options))
                        .returns(ParsedRecordType.INSTANCE)
                        .uid(PARSE_UID)
                        .name("parse events");
        DataStream<ParsedRecord> timed = parsed;
        if (options.session().eventTimeGap()) {
            timed =
                    parsed.assignTimestampsAndWatermarks(SessionWatermarks.events(options))
                            .uid(EVENT_WATERMARKS_UID)
                            .name("session watermarks");
            models =
                    models.assignTimestampsAndWatermarks(SessionWatermarks.models())
                            .uid(MODEL_WATERMARKS_UID)
                            .name("model watermarks");
        }
        SingleOutputStreamOperator<Tuple2<String, byte[]>> scored =
                score(timed.keyBy(ParsedRecord::key, Types.STRING), models, options)
                        .uid(SCORE_UID)
                        .name("score");
        DataStream<DeadLetter> dead =
                parsed.getSideOutput(DEAD_LETTERS).union(scored.getSideOutput(DEAD_LETTERS));
        return new Outputs(scored, dead);
    }

    /**
     * The keyed step on events keyed by event key, with the models broadcast to every subtask: a
     * {@link ScoringFunction} in a {@link BatchingScoreOperator} (the options' batch size and
     * delay).
     */
    public static SingleOutputStreamOperator<Tuple2<String, byte[]>> score(
            KeyedStream<ParsedRecord, String> events,
            DataStream<RawRecord> models,
            ScoringOptions options) {
        return events.connect(models.broadcast())
                .transform(
                        "score",
                        PREDICTION_TYPE,
                        new BatchingScoreOperator(
                                new ScoringFunction(options),
                                options.batchSize(),
                                options.batchDelayMs()));
    }
}
