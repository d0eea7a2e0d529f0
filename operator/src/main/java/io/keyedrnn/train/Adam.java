package io.keyedrnn.train;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} (no weight decay, no AMSGrad), step t from 1:
 *
 * <pre>
 * m ← β1·m + (1 − β1)·g        v ← β2·v + (1 − β2)·g²
 * p ← p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 */
public final class Adam implements Optimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final float eps;
    private final float[] m;
    private final float[] v;
    private long t;

    public Adam(double lr, double beta1, double beta2, double eps, int size) {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "Adam needs lr > 0, betas in [0, 1) and eps > 0, got lr="
                            + lr
                            + " betas="
                            + beta1
                            + ","
                            + beta2
                            + " eps="
                            + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = (float) eps;
        this.m = new float[size];
        this.v = new float[size];
    }

    @Override
    public void step(float[] params, float[] grad) {
        t++;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            m[i] = m[i] * b1 + g * c1;
            v[i] = v[i] * b2 + g * g * c2;
            float denom = (float) Math.sqrt(v[i]) / correction2 + eps;
            params[i] -= stepSize * (m[i] / denom);
        }
    }
}
