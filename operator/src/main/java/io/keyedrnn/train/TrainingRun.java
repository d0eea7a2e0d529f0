package io.keyedrnn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One training run's mutable state: the epoch loop, optimizer steps and best-epoch tracking. */
final class TrainingRun {
    private final TrainConfig config;
    private final Parameters params;
    private final Parameters best;
    private final BatchRunner runner;
    private final int chunkSteps;
    private final TrainingListener listener;
    private final Optimizer optimizer;
    private final float[] grad;
    private final SplittableRandom shuffler;
    private int epoch;

    TrainingRun(
            TrainConfig config,
            Parameters params,
            BatchRunner runner,
            int chunkSteps,
            TrainingListener listener) {
        this.config = config;
        this.params = params;
        this.best = params.copy();
        this.runner = runner;
        this.chunkSteps = chunkSteps;
        this.listener = listener;
        this.optimizer =
                Optimizer.create(config.optimizer(), config.lr(), config.momentum(), params.size());
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
        double mean = runner.meanLoss(params.values(), seqs, config.batchKeys(), chunkSteps);
        if (!Double.isFinite(mean)) {
            throw new TrainingDivergedException(
                    epoch, "validation loss became " + mean + " after epoch " + epoch);
        }
        return mean;
    }
}
