package io.keyedrnn.bench.cell;

import io.keyedrnn.model.BatchWorkspace;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.Kernels;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Single and batched LSTM step (input 8, no head) timed in this thread's CPU time, not wall time.
 *
 * <p>On a machine shared with other builds the wall-clock JMH figures include the time the thread
 * waited for a core; thread CPU time leaves that out (not the cache misses other processes cause).
 * Rounds of single and batched steps alternate; the best round of each is printed, in ns per
 * key-step. Usage: {@code java -cp benchmarks.jar io.keyedrnn.bench.cell.StepCpuTime [hidden...]};
 * the Vector API path with {@code --add-modules jdk.incubator.vector -Dkeyed.rnn.vector=true}
 * before {@code -cp} (the first line printed names the path taken).
 */
public final class StepCpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int BATCH = 32;
    private static final int KEYS = 8 * BATCH;

    private StepCpuTime() {}

    public static void main(String[] args) {
        String[] sizes = args.length == 0 ? new String[] {"64", "128"} : args;
        System.out.println("path: " + Kernels.describe());
        for (String s : sizes) {
            run(Integer.parseInt(s));
        }
    }

    private static void run(int hidden) {
        RecurrentNetwork net =
                NetworkFactory.random(new NetworkSpec(CellKind.LSTM, 8, hidden, 1, 0, 0), 42);
        float[][] states = new float[KEYS][net.stateSize()];
        float[][][] groups = new float[KEYS / BATCH][BATCH][];
        for (int k = 0; k < KEYS; k++) {
            groups[k / BATCH][k % BATCH] = states[k];
        }
        SplittableRandom rnd = new SplittableRandom(1);
        float[][] xs = new float[BATCH][8];
        for (float[] x : xs) {
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) rnd.nextDouble(-2, 2);
            }
        }
        Workspace ws = net.newWorkspace();
        BatchWorkspace bws = net.newBatchWorkspace(BATCH);
        float[][] outs = new float[BATCH][net.outputSize()];
        double bestSingle = Double.MAX_VALUE;
        double bestBatch = Double.MAX_VALUE;
        int batches = 1_000;
        for (int round = 0; round < 20; round++) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (int i = 0; i < batches * BATCH; i++) {
                net.step(xs[i & (BATCH - 1)], states[i & (KEYS - 1)], outs[0], ws);
            }
            long t1 = MX.getCurrentThreadCpuTime();
            for (int i = 0; i < batches; i++) {
                net.stepBatch(xs, groups[i % groups.length], outs, BATCH, bws);
            }
            long t2 = MX.getCurrentThreadCpuTime();
            bestSingle = Math.min(bestSingle, (t1 - t0) / (double) (batches * BATCH));
            bestBatch = Math.min(bestBatch, (t2 - t1) / (double) (batches * BATCH));
        }
        System.out.printf(
                "LSTM hidden %d: single %.0f ns/step, batched (B = %d) %.0f ns/key-step, thread"
                        + " CPU time, best of 20 rounds%n",
                hidden, bestSingle, BATCH, bestBatch);
    }
}
