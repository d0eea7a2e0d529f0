package io.keyedrnn.flink;

import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** A {@link ScoringFunction} in Flink's keyed broadcast operator test harness. */
final class ScoringHarness implements AutoCloseable {
    final KeyedBroadcastOperatorTestHarness<String, ParsedRecord, RawRecord, Tuple2<String, byte[]>>
            harness;
    final ScoringFunction function;
    private EventParser parser = EventParser.numeric(EventFields.DEFAULT, 0);
    private long offset;
    private long modelOffset;
    private boolean broadcastWatermarked;

    private ScoringHarness(
            CoBroadcastWithKeyedOperator<String, ParsedRecord, RawRecord, Tuple2<String, byte[]>>
                    operator,
            OperatorSubtaskState restore)
            throws Exception {
        this(operator, restore, null);
    }

    private ScoringHarness(
            CoBroadcastWithKeyedOperator<String, ParsedRecord, RawRecord, Tuple2<String, byte[]>>
                    operator,
            OperatorSubtaskState restore,
            StateBackend backend)
            throws Exception {
        function = (ScoringFunction) operator.getUserFunction();
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        operator, ParsedRecord::key, Types.STRING, 128, 1, 0);
        if (backend != null) {
            harness.setStateBackend(backend);
        }
        harness.setup();
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
    }

    static ScoringHarness open(ScoringOptions options) throws Exception {
        return restore(options, null);
    }

    static ScoringHarness restore(ScoringOptions options, OperatorSubtaskState state)
            throws Exception {
        return new ScoringHarness(
                new CoBroadcastWithKeyedOperator<>(
                        new ScoringFunction(options), List.of(ScoringFunction.MODELS)),
                state);
    }

    /** The function in the job's (batching) operator on the given state backend. */
    static ScoringHarness onBackend(
            ScoringOptions options, OperatorSubtaskState state, StateBackend backend)
            throws Exception {
        return new ScoringHarness(
                new BatchingScoreOperator(
                        new ScoringFunction(options), options.batchSize(), options.batchDelayMs()),
                state,
                backend);
    }

    /** The function in the micro-batching operator of the job (size 1: unbatched). */
    static ScoringHarness batched(ScoringOptions options, OperatorSubtaskState state)
            throws Exception {
        return new ScoringHarness(
                new BatchingScoreOperator(
                        new ScoringFunction(options), options.batchSize(), options.batchDelayMs()),
                state);
    }

    /** The end of the input: the operator finishes (a batching one steps what it holds). */
    void endOfInput() throws Exception {
        harness.getTwoInputOperator().finish();
    }

    static ScoringOptions options(byte[] startupModel) {
        return new ScoringOptions()
                .scoring(Map.of("ring.size", "4", "warmup.events", "2"))
                .startupModel(startupModel, "test model");
    }

    /** Parses events as tokens from now on (as the parse stage does for a categorical model). */
    ScoringHarness categorical() {
        parser = EventParser.categorical(EventFields.DEFAULT, null);
        return this;
    }

    /** Parses events with this parser from now on (e.g. one with an end field). */
    ScoringHarness parser(EventParser p) {
        parser = p;
        return this;
    }

    /**
     * Advances event time on the event input to t (the model input is declared at the largest
     * watermark once, as the job's model watermarks do).
     */
    void watermark(long t) throws Exception {
        if (!broadcastWatermarked) {
            harness.processBroadcastWatermark(Long.MAX_VALUE);
            broadcastWatermarked = true;
        }
        harness.processWatermark(t);
    }

    void processingTime(long t) throws Exception {
        harness.setProcessingTime(t);
    }

    /** Sends one event record (must parse) and returns its raw record. */
    RawRecord event(byte[] json) throws Exception {
        RawRecord raw = new RawRecord(json, "events", 0, offset++, 0);
        ParseResult r = parser.parse(json);
        if (!r.isOk()) {
            throw new IllegalArgumentException("test event does not parse: " + r);
        }
        harness.processElement(new ParsedRecord(r.event(), raw), 0);
        return raw;
    }

    void model(byte[] value) throws Exception {
        harness.processBroadcastElement(new RawRecord(value, "models", 0, modelOffset++, 0), 0);
    }

    /** Prediction JSON strings emitted so far, in order. */
    List<String> predictions() {
        List<String> out = new ArrayList<>();
        for (Tuple2<String, byte[]> t : harness.extractOutputValues()) {
            out.add(new String(t.f1, StandardCharsets.UTF_8));
        }
        return out;
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        var side = harness.getSideOutput(ScoringPipeline.DEAD_LETTERS);
        if (side != null) {
            for (StreamRecord<DeadLetter> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /** A checkpoint as the task takes it: the operator sees the barrier coming first. */
    OperatorSubtaskState snapshot() throws Exception {
        harness.prepareSnapshotPreBarrier(1);
        return harness.snapshot(1, 1);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
