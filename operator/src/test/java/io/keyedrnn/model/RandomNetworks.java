package io.keyedrnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Networks with weights of a random scale (saturating gates too) and inputs with outliers. */
final class RandomNetworks {
    private RandomNetworks() {}

    static RecurrentNetwork of(NetworkSpec spec, SplittableRandom rnd) {
        float scale = (float) (0.05 + 2 * rnd.nextDouble());
        int h = spec.hiddenSize();
        int rows = spec.cell().gates() * h;
        List<RecurrentLayer> layers = new ArrayList<>();
        for (int k = 0; k < spec.layers(); k++) {
            int in = k == 0 ? spec.inputSize() : h;
            layers.add(
                    RecurrentLayer.of(
                            spec.cell(),
                            in,
                            h,
                            values(rnd, rows * in, scale),
                            values(rnd, rows * h, scale),
                            values(rnd, rows, scale),
                            values(rnd, rows, scale)));
        }
        Linear head =
                spec.headSize() == 0
                        ? null
                        : new Linear(
                                h,
                                spec.headSize(),
                                values(rnd, spec.headSize() * h, scale),
                                values(rnd, spec.headSize(), scale));
        Embedding embedding =
                spec.categorical()
                        ? new Embedding(
                                spec.vocabularySize(),
                                spec.inputSize(),
                                values(rnd, spec.vocabularySize() * spec.inputSize(), 1.5f))
                        : null;
        return new RecurrentNetwork(layers, embedding, head, spec.categorical(), spec.headKind());
    }

    private static float[] values(SplittableRandom rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextDouble(-scale, scale);
        }
        return a;
    }

    /** Mostly moderate values, some zeros and some large outliers. */
    static float[] input(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            x[i] =
                    kind == 0
                            ? 0f
                            : (float) rnd.nextDouble(kind == 1 ? -300 : -3, kind == 1 ? 300 : 3);
        }
        return x;
    }
}
