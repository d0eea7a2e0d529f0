package io.keyedrnn.train;

/** Updates flat parameters from their gradient, keeping whatever state the rule needs. */
public interface Optimizer {
    /** Applies one update. Modified: params, this optimizer's state. Not modified: grad. */
    void step(float[] params, float[] grad);

    /** The optimizer of that kind for {@code size} parameters. */
    static Optimizer create(OptimizerKind kind, double lr, double momentum, int size) {
        switch (kind) {
            case SGD:
                return new Sgd(lr, momentum, size);
            case ADAM:
                return new Adam(lr, Adam.BETA1, Adam.BETA2, Adam.EPS, size);
            default:
                throw new IllegalArgumentException("unknown optimizer " + kind);
        }
    }
}
