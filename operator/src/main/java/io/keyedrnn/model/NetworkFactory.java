package io.keyedrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds networks with PyTorch's default initialisation, deterministically from a seed. */
public final class NetworkFactory {
    private NetworkFactory() {}

    /**
     * Recurrent and head weights uniform in ±1/√fan as PyTorch's nn.LSTM / nn.Linear defaults; the
     * embedding standard normal as nn.Embedding.
     */
    public static RecurrentNetwork random(NetworkSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int h = spec.hiddenSize();
        int rows = spec.cell().gates() * h;
        float bound = (float) (1 / Math.sqrt(h));
        List<RecurrentLayer> layers = new ArrayList<>();
        for (int k = 0; k < spec.layers(); k++) {
            int in = k == 0 ? spec.inputSize() : h;
            layers.add(
                    RecurrentLayer.of(
                            spec.cell(),
                            in,
                            h,
                            uniform(rnd, rows * in, bound),
                            uniform(rnd, rows * h, bound),
                            uniform(rnd, rows, bound),
                            uniform(rnd, rows, bound)));
        }
        Linear head = null;
        if (spec.headSize() > 0) {
            head =
                    new Linear(
                            h,
                            spec.headSize(),
                            uniform(rnd, spec.headSize() * h, bound),
                            uniform(rnd, spec.headSize(), bound));
        }
        Embedding embedding = null;
        if (spec.categorical()) {
            float[] w = new float[spec.vocabularySize() * spec.inputSize()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) gaussian(rnd);
            }
            embedding = new Embedding(spec.vocabularySize(), spec.inputSize(), w);
        }
        return new RecurrentNetwork(layers, embedding, head, spec.categorical(), spec.headKind());
    }

    private static float[] uniform(SplittableRandom rnd, int n, float bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextDouble(-bound, bound);
        }
        return a;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on JDK 17.
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
