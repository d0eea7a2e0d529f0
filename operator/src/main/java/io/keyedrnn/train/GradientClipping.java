package io.keyedrnn.train;

/** Gradient-norm clipping with the semantics of PyTorch's {@code clip_grad_norm_}. */
public final class GradientClipping {
    private GradientClipping() {}

    /** The L2 norm over all entries of grad, summed in double. Not modified: grad. */
    public static double norm(float[] grad) {
        double sum = 0;
        for (float g : grad) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales grad by maxNorm / (norm + 1e-6) when that is below 1 and returns the norm before
     * clipping. Modified: grad.
     */
    public static double clip(float[] grad, double maxNorm) {
        double total = norm(grad);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= c;
            }
        }
        return total;
    }
}
