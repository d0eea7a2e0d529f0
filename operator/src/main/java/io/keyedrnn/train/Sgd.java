package io.keyedrnn.train;

/**
 * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD} (no weight decay, no Nesterov):
 * p ← p − lr·g, or with momentum μ: b ← μ·b + g (b = g on the first step), p ← p − lr·b.
 */
public final class Sgd implements Optimizer {
    private final float lr;
    private final float momentum;
    private final float[] buffer;
    private boolean started;

    public Sgd(double lr, double momentum, int size) {
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(
                    "SGD needs lr > 0 and momentum in [0, 1), got lr="
                            + lr
                            + " momentum="
                            + momentum);
        }
        this.lr = (float) lr;
        this.momentum = (float) momentum;
        this.buffer = momentum > 0 ? new float[size] : null;
    }

    @Override
    public void step(float[] params, float[] grad) {
        if (buffer == null) {
            for (int i = 0; i < params.length; i++) {
                params[i] -= lr * grad[i];
            }
            return;
        }
        for (int i = 0; i < params.length; i++) {
            buffer[i] = started ? momentum * buffer[i] + grad[i] : grad[i];
            params[i] -= lr * buffer[i];
        }
        started = true;
    }
}
