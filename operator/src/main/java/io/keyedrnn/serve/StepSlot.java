package io.keyedrnn.serve;

/** One key's step in flight: its event and state, normalised input, token, guard and output. */
final class StepSlot {
    final float[] input;

    /** The network's input as sent (features then calendar inputs); null without calendar. */
    final float[] raw;

    final Prediction out;
    final StepGuard guard = new StepGuard();
    Event event;
    KeyState state;
    int token;

    StepSlot(float[] input, float[] raw, Prediction out) {
        this.input = input;
        this.raw = raw;
        this.out = out;
    }
}
