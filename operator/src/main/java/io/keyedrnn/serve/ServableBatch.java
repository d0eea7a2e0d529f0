package io.keyedrnn.serve;

import io.keyedrnn.model.BatchWorkspace;
import io.keyedrnn.model.RecurrentNetwork;

/**
 * Steps events of up to {@link #capacity()} different keys together through one {@link
 * ModelServable}: each event is checked, scored and guarded exactly as {@link
 * ModelServable#process} does it, but the recurrent step of all taken events is one {@link
 * RecurrentNetwork#stepBatch} (each layer's weights read once), bit for bit the per-event result.
 *
 * <p>Use: {@link #add} each event (a refused one returns its reason and takes no slot), then {@link
 * #step}, then read {@link #result} (or {@link #failure}) per slot, then {@link #clear}. A key may
 * take one slot per batch. Pure, no Flink; one batch per thread.
 */
public final class ServableBatch {
    private final ModelServable servable;
    private final RecurrentNetwork net;
    private final StepSlot[] slots;
    private final BatchWorkspace ws;
    private final float[][] inputs;
    private final float[][] states;
    private final float[][] predictions;
    private final int[] tokens;
    private final boolean[] held;
    private int size;
    private boolean stepped;

    public ServableBatch(ModelServable servable, int capacity) {
        this.servable = servable;
        this.net = servable.network();
        this.ws = net.newBatchWorkspace(capacity);
        this.slots = new StepSlot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = servable.newSlot();
        }
        this.inputs = new float[capacity][];
        this.states = new float[capacity][];
        this.predictions = new float[capacity][];
        this.tokens = new int[capacity];
        this.held = new boolean[capacity];
    }

    public ModelServable servable() {
        return servable;
    }

    public int capacity() {
        return slots.length;
    }

    /** Events taken since the last {@link #clear}. */
    public int size() {
        return size;
    }

    /**
     * Takes the event of a key not yet in this batch, with the key's state s (a fresh one for a new
     * key), and returns null; or returns why the servable refuses it, leaving s untouched. The
     * taken event's slot is {@link #size()} before the call. Modified: s (adopted and scored).
     */
    public RejectReason add(Event e, KeyState s) {
        if (stepped || size == slots.length) {
            throw new IllegalStateException(
                    stepped ? "batch already stepped; clear it first" : "batch is full");
        }
        StepSlot slot = slots[size];
        RejectReason why = servable.begin(slot, e, s);
        if (why != null) {
            return why;
        }
        inputs[size] = slot.input;
        states[size] = s.state;
        predictions[size] = s.prediction;
        tokens[size] = slot.token;
        size++;
        return null;
    }

    /** Advances every taken key one step and finishes each slot. Modified: the keys' states. */
    public void step() {
        if (size > 0) {
            if (net.isCategorical()) {
                net.stepTokenBatch(tokens, states, predictions, size, ws);
            } else {
                net.stepBatch(inputs, states, predictions, size, ws);
            }
        }
        for (int i = 0; i < size; i++) {
            held[i] = servable.finish(slots[i]) != null;
        }
        stepped = true;
    }

    /**
     * Slot i's prediction after {@link #step} (valid until {@link #clear}), or null when the guard
     * undid its step (then {@link #failure} says why).
     */
    public Prediction result(int i) {
        checkStepped(i);
        return held[i] ? slots[i].out : null;
    }

    /** Why slot i's step was undone, in {@link ModelServable#lastFailure}'s words. */
    public String failure(int i) {
        checkStepped(i);
        return servable.failure(slots[i].guard);
    }

    /** The event slot i took. */
    public Event event(int i) {
        return slots[i].event;
    }

    /** The state slot i took. */
    public KeyState state(int i) {
        return slots[i].state;
    }

    /** Empties the batch for the next round (results are no longer valid). */
    public void clear() {
        for (int i = 0; i < size; i++) {
            slots[i].event = null;
            slots[i].state = null;
            inputs[i] = null;
            states[i] = null;
            predictions[i] = null;
        }
        size = 0;
        stepped = false;
    }

    private void checkStepped(int i) {
        if (!stepped || i < 0 || i >= size) {
            throw new IllegalStateException("no stepped slot " + i + " of " + size);
        }
    }
}
