package io.keyedrnn.model;

import java.util.SplittableRandom;

/**
 * Prints one line per random network: its spec and a digest of the bits of every output and state
 * after single and batched steps (batches of 1..40 keys), and first the path {@link Kernels} chose.
 * {@link VectorPathTest} runs it in a JVM on each path and compares the lines.
 */
public final class StepDigest {
    private static final int KEYS = 48;

    private StepDigest() {}

    public static void main(String[] args) {
        System.out.println(Kernels.describe());
        SplittableRandom rnd = new SplittableRandom(20261203);
        int[] hiddens = {1, 7, 16, 33, 64, 70};
        for (CellKind cell : CellKind.values()) {
            for (int hidden : hiddens) {
                int layers = 1 + rnd.nextInt(2);
                int head = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(20);
                NetworkSpec spec =
                        new NetworkSpec(cell, 1 + rnd.nextInt(13), hidden, layers, head, 0);
                System.out.println(spec + " " + Long.toHexString(digest(spec, rnd)));
            }
            NetworkSpec tokens = NetworkSpec.categorical(cell, 2 + rnd.nextInt(30), 5, 17, 2);
            System.out.println(tokens + " " + Long.toHexString(digest(tokens, rnd)));
        }
    }

    /** Steps KEYS keys once alone, then in batches of 1..40, and folds every bit into 64. */
    private static long digest(NetworkSpec spec, SplittableRandom rnd) {
        RecurrentNetwork net = RandomNetworks.of(spec, rnd);
        float[][] states = new float[KEYS][net.stateSize()];
        float[] out = new float[net.outputSize()];
        Workspace ws = net.newWorkspace();
        long d = 0xcbf29ce484222325L;
        int inputs = net.layers().get(0).inputSize();
        for (int k = 0; k < KEYS; k++) {
            if (net.isCategorical()) {
                net.stepToken(rnd.nextInt(net.inputSize()), states[k], out, ws);
            } else {
                net.step(RandomNetworks.input(rnd, inputs), states[k], out, ws);
            }
            d = fold(d, out);
        }
        BatchWorkspace bws = net.newBatchWorkspace(40);
        for (int n = 1; n <= 40; n++) {
            float[][] batch = new float[n][];
            float[][] xs = new float[n][];
            int[] tokens = new int[n];
            float[][] outs = new float[n][net.outputSize()];
            int first = rnd.nextInt(KEYS - n + 1);
            for (int b = 0; b < n; b++) {
                batch[b] = states[first + b];
                xs[b] = RandomNetworks.input(rnd, inputs);
                tokens[b] = rnd.nextInt(net.inputSize());
            }
            if (net.isCategorical()) {
                net.stepTokenBatch(tokens, batch, outs, n, bws);
            } else {
                net.stepBatch(xs, batch, outs, n, bws);
            }
            for (float[] o : outs) {
                d = fold(d, o);
            }
        }
        for (float[] s : states) {
            d = fold(d, s);
        }
        return d;
    }

    private static long fold(long d, float[] v) {
        for (float f : v) {
            d = (d ^ Float.floatToRawIntBits(f)) * 0x100000001b3L;
        }
        return d;
    }
}
