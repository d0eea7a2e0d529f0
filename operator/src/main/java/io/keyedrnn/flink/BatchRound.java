package io.keyedrnn.flink;

import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ServableBatch;
import java.util.Arrays;

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

    /** The state each batch slot's event read from keyed state (null: the key had none). */
    private final KeyState[] read;

    private ServableBatch batch;
    private ModelServable servable;
    private boolean resolved;
    private int size;
    private int cursor;
    private boolean collecting;
    private boolean emitting;

    BatchRound(int capacity) {
        this.marks = new int[capacity];
        this.read = new KeyState[capacity];
    }

    void begin() {
        size = 0;
        cursor = 0;
        collecting = true;
        emitting = false;
        resolved = false;
        servable = null;
    }

    /** Whether this round's servable was looked up ({@link #resolve}). */
    boolean resolved() {
        return resolved;
    }

    /** The servable of every event of this round (null: no model yet). */
    void resolve(ModelServable sv) {
        servable = sv;
        resolved = true;
    }

    ModelServable servable() {
        return servable;
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

    /** The event in batch slot i read state s from keyed state (null: none). */
    void read(int i, KeyState s) {
        read[i] = s;
    }

    /** What the event in batch slot i read from keyed state, or null. */
    KeyState read(int i) {
        return read[i];
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
        servable = null;
        if (batch != null) {
            Arrays.fill(read, 0, batch.size(), null);
            batch.clear();
        }
    }
}
