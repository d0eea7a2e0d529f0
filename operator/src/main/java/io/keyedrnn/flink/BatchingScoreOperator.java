package io.keyedrnn.flink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's keyed broadcast operator with micro-batching: events of different keys wait in a buffer
 * of this subtask and are stepped together ({@link ScoringFunction#startRound}).
 *
 * <p>A buffer is stepped when it holds {@code size} events, when an event of a key already in it
 * arrives (so a key's events keep their order), {@code delayMs} after its first event, and before
 * anything that must see the events scored: a model record, a watermark, a timer, a checkpoint
 * barrier, the end of input. Being Flink's own operator underneath (same uid, state names, timer
 * service), it reads savepoints of the unbatched job and writes ones the unbatched job reads. Size
 * 1 is the unbatched operator.
 */
final class BatchingScoreOperator
        extends CoBroadcastWithKeyedOperator<
                String, ParsedRecord, RawRecord, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final long delayMs;
    private transient List<StreamRecord<ParsedRecord>> buffer;
    private transient Set<String> keys;
    private transient long round;

    BatchingScoreOperator(ScoringFunction scoring, int size, long delayMs) {
        super(scoring, List.of(ScoringFunction.MODELS));
        this.size = size;
        this.delayMs = delayMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        ((ScoringFunction) getUserFunction())
                .heapBackend(getKeyedStateBackend() instanceof HeapKeyedStateBackend);
        buffer = new ArrayList<>(size);
        keys = new HashSet<>();
    }

    @Override
    public void processElement1(StreamRecord<ParsedRecord> element) throws Exception {
        if (size <= 1) {
            super.processElement1(element);
            return;
        }
        String key = key(element);
        if (keys.contains(key)) {
            flush();
        }
        buffer.add(element.copy(element.getValue()));
        keys.add(key);
        if (buffer.size() >= size) {
            flush();
        } else if (buffer.size() == 1) {
            long due = round;
            getProcessingTimeService()
                    .registerTimer(
                            getProcessingTimeService().getCurrentProcessingTime() + delayMs,
                            t -> {
                                if (round == due) {
                                    flush();
                                }
                            });
        }
    }

    @Override
    public void processElement2(StreamRecord<RawRecord> element) throws Exception {
        flush(); // events before a model record are scored with the model before it
        super.processElement2(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush(); // before event-time timers fire and the watermark passes downstream
        super.processWatermark(mark);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        flush();
        setCurrentKey(timer.getKey());
        super.onProcessingTime(timer);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        flush();
        setCurrentKey(timer.getKey());
        super.onEventTime(timer);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush(); // the checkpoint holds every event before its barrier scored
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Steps the buffered events together: two passes with each event's key current. */
    private void flush() throws Exception {
        round++;
        if (buffer == null || buffer.isEmpty()) {
            return;
        }
        ScoringFunction scoring = (ScoringFunction) getUserFunction();
        scoring.startRound(size);
        try {
            for (StreamRecord<ParsedRecord> e : buffer) {
                pass(e);
            }
            scoring.stepRound();
            for (StreamRecord<ParsedRecord> e : buffer) {
                pass(e);
            }
        } finally {
            scoring.endRound();
            buffer.clear();
            keys.clear();
        }
    }

    private void pass(StreamRecord<ParsedRecord> e) throws Exception {
        setCurrentKey(key(e));
        super.processElement1(e);
    }

    @SuppressWarnings("unchecked")
    private String key(StreamRecord<ParsedRecord> e) throws Exception {
        return ((KeySelector<ParsedRecord, String>) getStateKeySelector1()).getKey(e.getValue());
    }
}
