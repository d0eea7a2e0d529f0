package io.keyedrnn.model;

/** Scratch memory for one thread's network steps, allocated once so a step allocates nothing. */
public final class Workspace {
    final float[] scratch;

    Workspace(int scratchSize) {
        this.scratch = new float[scratchSize];
    }
}
