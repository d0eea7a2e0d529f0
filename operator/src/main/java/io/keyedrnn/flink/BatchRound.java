package io.keyedrnn.flink;

import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ServableBatch;

/**
 * One round of buffered events in a {@link ScoringFunction}: the first pass over the round's events
 * records here what the second pass (after the batched step) does with each, in the same order.
 */
final class BatchRound {
    /** The first pass finished the event (refused, dead-lettered): the second skips it. */
    static final int DONE = -2;

    /** The event ends or starts a session: the second pass runs the per-event path for it. */
    static final int ONE_BY_ONE = -1;

    private final int[] marks;
    private ServableBatch batch;
    private int size;
    private int cursor;
    private boolean collecting;
    private boolean emitting;

    BatchRound(int capacity) {
        this.marks = new int[capacity];
    }

    void begin() {
        size = 0;
        cursor = 0;
        collecting = true;
        emitting = false;
    }

    boolean collecting() {
        return collecting;
    }

    boolean emitting() {
        return emitting;
    }

    /** The batch for this servable (a new one when the model changed between rounds). */
    ServableBatch batch(ModelServable sv) {
        if (batch == null || batch.servable() != sv) {
            if (batch != null && batch.size() > 0) {
                throw new IllegalStateException("the model changed inside a batch");
            }
            batch = new ServableBatch(sv, marks.length);
        }
        return batch;
    }

    /** The batch of this round, or null when no event took a slot. */
    ServableBatch taken() {
        return batch != null && batch.size() > 0 ? batch : null;
    }

    void mark(int what) {
        marks[size++] = what;
    }

    /** The first pass is over: the second starts. */
    void stepped() {
        collecting = false;
        emitting = true;
    }

    /** What the second pass does with its next event: a batch slot, {@link #DONE} or per event. */
    int next() {
        return marks[cursor++];
    }

    void end() {
        collecting = false;
        emitting = false;
        if (batch != null) {
            batch.clear();
        }
    }
}
