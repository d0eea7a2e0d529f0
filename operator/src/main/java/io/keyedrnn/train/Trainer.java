package io.keyedrnn.train;

import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a recurrent network on per-key event sequences with truncated BPTT, no Flink involved.
 *
 * <p>Keys are dealt into mini-batches (shuffled from the seed each epoch unless disabled). Each
 * batch runs its keys in lockstep from zero state, chunk by chunk in event order; a chunk's end
 * state starts the next chunk, detached, exactly as serving carries state, and every chunk with a
 * prediction makes one optimizer step on its mean loss. With validation data, the weights of the
 * epoch with the lowest validation loss are returned, and {@code patience} stops training early.
 */
public final class Trainer {
    private final TrainConfig config;

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    /** Trains without validation data or listener. */
    public TrainResult train(List<Sequence> training) {
        return train(training, List.of(), new TrainingListener() {});
    }

    /**
     * Trains on {@code training}, measuring {@code validation} (may be empty) after each epoch.
     *
     * @throws IllegalArgumentException if the data do not fit the network or hold no prediction
     * @throws TrainingDivergedException if the loss or gradient becomes NaN or infinite
     */
    public TrainResult train(
            List<Sequence> training, List<Sequence> validation, TrainingListener listener) {
        if (training.isEmpty()) {
            throw new IllegalArgumentException("no training sequences");
        }
        NetworkSpec spec = spec(training.get(0), training);
        if (SequenceChecks.check(training, spec, "training") == 0) {
            throw new IllegalArgumentException(
                    "training data hold no prediction: every key needs at least two events");
        }
        if (!validation.isEmpty() && SequenceChecks.check(validation, spec, "validation") == 0) {
            throw new IllegalArgumentException(
                    "validation data hold no prediction after their lossFrom index");
        }
        Parameters params =
                Parameters.of(
                        config.init() != null
                                ? config.init()
                                : NetworkFactory.random(spec, config.seed()));
        int rows = Math.min(config.batchKeys(), Math.max(training.size(), validation.size()));
        int longest =
                Math.max(SequenceChecks.maxLength(training), SequenceChecks.maxLength(validation));
        int steps = config.tbptt() == 0 ? longest : Math.min(config.tbptt(), longest);
        int width = spec.categorical() ? 0 : spec.inputSize();
        checkMemory(spec, rows, steps);
        try (BatchRunner runner = new BatchRunner(params, rows, steps, config.threads(), width)) {
            return new Run(params, runner, steps, listener).epochs(training, validation);
        }
    }

    /** Refuses chunks whose buffers cannot fit the heap, before allocating them. */
    private static void checkMemory(NetworkSpec spec, int rows, int steps) {
        long need = BpttEngine.bytesPerCell(spec) * rows * (steps + 1L);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max / 2) {
            throw new IllegalArgumentException(
                    String.format(
                            "a chunk of %d keys × %d steps needs about %d MiB of training buffers,"
                                    + " more than half the heap (%d MiB); set tbptt (e.g. 64) or"
                                    + " fewer batch keys",
                            rows, steps, need >> 20, max >> 20));
        }
    }

    private NetworkSpec spec(Sequence first, List<Sequence> training) {
        if (config.init() != null) {
            NetworkSpec s = Parameters.specOf(config.init());
            if (!s.categorical() && s.headSize() != 0 && s.headSize() != s.inputSize()) {
                throw new IllegalArgumentException(
                        "the initial network's head has "
                                + s.headSize()
                                + " outputs but it takes "
                                + s.inputSize()
                                + " features; next-step prediction needs them equal");
            }
            return s;
        }
        if (first.isNumeric()) {
            int width = first.rows().length > 0 ? first.rows()[0].length : 0;
            if (width < 1) {
                throw new IllegalArgumentException(
                        "training key '" + first.key() + "' has no features");
            }
            return NetworkSpec.numeric(config.cell(), width, config.hidden(), config.layers());
        }
        int vocab = config.vocabulary();
        if (vocab == 0) {
            for (Sequence s : training) {
                for (int t : s.isNumeric() ? new int[0] : s.tokens()) {
                    vocab = Math.max(vocab, t + 1);
                }
            }
        }
        return NetworkSpec.categorical(
                config.cell(), vocab, config.embedding(), config.hidden(), config.layers());
    }

    /** One training run's mutable state. */
    private final class Run {
        private final Parameters params;
        private final Parameters best;
        private final BatchRunner runner;
        private final int chunkSteps;
        private final TrainingListener listener;
        private final Optimizer optimizer;
        private final float[] grad;
        private final SplittableRandom shuffler;
        private int epoch;

        Run(Parameters params, BatchRunner runner, int chunkSteps, TrainingListener listener) {
            this.params = params;
            this.best = params.copy();
            this.runner = runner;
            this.chunkSteps = chunkSteps;
            this.listener = listener;
            this.optimizer =
                    Optimizer.create(
                            config.optimizer(), config.lr(), config.momentum(), params.size());
            this.grad = new float[params.size()];
            this.shuffler = new SplittableRandom(config.seed()).split();
            runner.refresh(params.values());
        }

        TrainResult epochs(List<Sequence> training, List<Sequence> validation) {
            List<EpochStats> stats = new ArrayList<>();
            int[] order = new int[training.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            long total = 0;
            for (Sequence s : training) {
                total += s.length();
            }
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            long timesteps = 0;
            double seconds = 0;
            boolean stopped = false;
            for (epoch = 1; epoch <= config.epochs(); epoch++) {
                if (config.shuffle()) {
                    shuffle(order);
                }
                long start = System.nanoTime();
                double loss = trainEpoch(training, order, total);
                double secs = (System.nanoTime() - start) / 1e9;
                double vloss = validation.isEmpty() ? Double.NaN : evaluate(validation);
                double score = validation.isEmpty() ? -epoch : vloss;
                boolean improved = score < bestLoss;
                if (improved) {
                    bestLoss = score;
                    bestEpoch = epoch;
                    best.copyFrom(params);
                }
                EpochStats s = new EpochStats(epoch, loss, vloss, total, secs, improved);
                stats.add(s);
                timesteps += total;
                seconds += secs;
                listener.onEpoch(s);
                if (config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                    stopped = epoch < config.epochs();
                    break;
                }
            }
            return new TrainResult(
                    best.toNetwork(), best, stats, bestEpoch, stopped, timesteps, seconds);
        }

        private void shuffle(int[] order) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffler.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }

        /** Runs one epoch; returns the mean loss over its predictions. */
        private double trainEpoch(List<Sequence> training, int[] order, long total) {
            double lossSum = 0;
            long count = 0;
            long done = 0;
            List<Sequence> batch = new ArrayList<>();
            for (int start = 0; start < order.length; start += config.batchKeys()) {
                batch.clear();
                for (int i = start; i < Math.min(order.length, start + config.batchKeys()); i++) {
                    batch.add(training.get(order[i]));
                }
                int length = runner.begin(batch);
                for (int t0 = 0; t0 < length; t0 += chunkSteps) {
                    int n = runner.fill(t0, Math.min(chunkSteps, length - t0));
                    if (n > 0) {
                        lossSum += step(n, batch, t0);
                        count += n;
                    } else {
                        runner.forward(params.values());
                    }
                    runner.carry();
                    done += runner.timesteps();
                    listener.onProgress(epoch, done, total);
                }
            }
            return lossSum / count;
        }

        /** One optimizer step on the loaded chunk's mean loss; returns the summed loss. */
        private double step(int n, List<Sequence> batch, int t0) {
            double loss = runner.forwardBackward(params.values(), grad, 1f / n);
            double norm =
                    config.clip() > 0
                            ? GradientClipping.clip(grad, config.clip())
                            : GradientClipping.norm(grad);
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                throw new TrainingDivergedException(
                        epoch,
                        String.format(
                                "training diverged in epoch %d: loss %s, gradient norm %s at steps"
                                        + " %d.. of a batch of %d keys starting with '%s'",
                                epoch, loss / n, norm, t0, batch.size(), batch.get(0).key()));
            }
            optimizer.step(params.values(), grad);
            runner.refresh(params.values());
            return loss;
        }

        /** Mean loss over the predictions of the sequences, forward only. */
        private double evaluate(List<Sequence> seqs) {
            double lossSum = 0;
            long count = 0;
            List<Sequence> batch = new ArrayList<>();
            for (int start = 0; start < seqs.size(); start += config.batchKeys()) {
                batch.clear();
                batch.addAll(
                        seqs.subList(start, Math.min(seqs.size(), start + config.batchKeys())));
                int length = runner.begin(batch);
                for (int t0 = 0; t0 < length; t0 += chunkSteps) {
                    count += runner.fill(t0, Math.min(chunkSteps, length - t0));
                    lossSum += runner.forward(params.values());
                    runner.carry();
                }
            }
            double mean = lossSum / count;
            if (!Double.isFinite(mean)) {
                throw new TrainingDivergedException(
                        epoch, "validation loss became " + mean + " after epoch " + epoch);
            }
            return mean;
        }
    }
}
