package io.keyedrnn.model;

/** Scratch memory for one thread's network steps, allocated once so a step allocates nothing. */
public final class Workspace {
    /** Gate pre-activations of the layer being stepped. */
    final float[] gates;

    /** Second buffer: hidden projections, r ⊙ h, tanh(c). */
    final float[] aux;

    Workspace(int size) {
        this.gates = new float[size];
        this.aux = new float[size];
    }
}
