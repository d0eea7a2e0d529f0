package io.keyedrnn.bench.train;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.train.EpochStats;
import io.keyedrnn.train.OptimizerKind;
import io.keyedrnn.train.Sequence;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput harness (not JMH: one epoch is long enough to time directly): LSTM input 8,
 * hidden 64, one layer + linear head, mini-batches of 32 keys × 64 steps, Adam, as
 * tools/train_golden/bench_torch.py does in PyTorch.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.train.TrainThroughput \
 *     [--threads 2] [--seconds 20] [--cell lstm] [--hidden 64]
 * </pre>
 */
public final class TrainThroughput {
    private static final int FEATURES = 8;
    private static final int STEPS = 64;
    private static final int BATCH = 32;
    private static final int KEYS = 256;

    private TrainThroughput() {}

    public static void main(String[] args) {
        int threads = 2;
        double seconds = 20;
        CellKind cell = CellKind.LSTM;
        int hidden = 64;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads":
                    threads = Integer.parseInt(args[i + 1]);
                    break;
                case "--seconds":
                    seconds = Double.parseDouble(args[i + 1]);
                    break;
                case "--cell":
                    cell = CellKind.fromId(args[i + 1]);
                    break;
                case "--hidden":
                    hidden = Integer.parseInt(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Sequence> data = data();
        TrainConfig.Builder config =
                TrainConfig.builder()
                        .cell(cell)
                        .hidden(hidden)
                        .optimizer(OptimizerKind.ADAM)
                        .lr(1e-3)
                        .batchKeys(BATCH)
                        .tbptt(STEPS)
                        .threads(threads);
        new Trainer(config.epochs(3).build()).train(data); // warm-up: JIT
        long timesteps = 0;
        double secs = 0;
        TrainResult last = null;
        while (secs < seconds) {
            last = new Trainer(config.epochs(3).build()).train(data);
            timesteps += last.timesteps();
            secs += last.seconds();
        }
        EpochStats end = last.epochs().get(last.epochs().size() - 1);
        System.out.printf(
                Locale.ROOT,
                "keyed-rnn %s hidden=%d threads=%d: %,.0f timesteps/s (%d timesteps in %.1f s,"
                        + " last loss %.4f, load average %.1f)%n",
                cell.id(),
                hidden,
                threads,
                timesteps / secs,
                timesteps,
                secs,
                end.loss(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Noisy sine waves, one frequency and phase per key and feature. */
    private static List<Sequence> data() {
        SplittableRandom rnd = new SplittableRandom(1);
        List<Sequence> out = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            double[] freq = new double[FEATURES];
            double[] phase = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                freq[f] = 0.3 * rnd.nextDouble();
                phase[f] = 6 * rnd.nextDouble();
            }
            float[][] rows = new float[STEPS][FEATURES];
            for (int t = 0; t < STEPS; t++) {
                for (int f = 0; f < FEATURES; f++) {
                    rows[t][f] =
                            (float) (Math.sin(freq[f] * t + phase[f]) + 0.1 * rnd.nextGaussian());
                }
            }
            out.add(Sequence.numeric("key-" + k, rows));
        }
        return out;
    }
}
