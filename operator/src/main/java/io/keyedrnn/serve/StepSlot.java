package io.keyedrnn.serve;

/** One key's step in flight: its event and state, normalised input, token, guard and output. */
final class StepSlot {
    final float[] input;
    final Prediction out;
    final StepGuard guard = new StepGuard();
    Event event;
    KeyState state;
    int token;

    StepSlot(float[] input, Prediction out) {
        this.input = input;
        this.out = out;
    }
}
