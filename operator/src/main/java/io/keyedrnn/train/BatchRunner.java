package io.keyedrnn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one mini-batch of keys chunk by chunk, split over worker threads.
 *
 * <p>Each worker owns an engine and a disjoint, interleaved share of the batch's rows (so shares
 * have similar lengths) and its own gradient array; the shares' gradients are summed in worker
 * order, so a run is deterministic for a given thread count.
 */
final class BatchRunner implements AutoCloseable {
    private final Worker[] workers;
    private final ExecutorService pool;
    private int maxLength;

    private static final class Worker {
        final BpttEngine engine;
        final Chunk chunk;
        final float[] grad;
        final List<Sequence> rows = new ArrayList<>();
        double loss;

        Worker(Parameters layout, int rows, int steps, int width) {
            engine = new BpttEngine(layout, rows, steps);
            chunk = new Chunk(rows, steps, width);
            grad = new float[layout.size()];
        }
    }

    BatchRunner(Parameters layout, int batchKeys, int chunkSteps, int threads, int width) {
        int n = Math.max(1, Math.min(threads, batchKeys));
        int rows = (batchKeys + n - 1) / n;
        workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(layout, rows, chunkSteps, width);
        }
        pool = n > 1 ? Executors.newFixedThreadPool(n - 1, BatchRunner::daemon) : null;
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "keyed-rnn-trainer");
        t.setDaemon(true);
        return t;
    }

    /** Recomputes every engine's derived weights. Not modified: p. */
    void refresh(float[] p) {
        for (Worker w : workers) {
            w.engine.refresh(p);
        }
    }

    /** Starts a batch from zero state; returns the longest sequence's length. */
    int begin(List<Sequence> batch) {
        List<Sequence> sorted = new ArrayList<>(batch);
        sorted.sort(Comparator.comparingInt(Sequence::length).reversed());
        for (Worker w : workers) {
            w.rows.clear();
            w.engine.resetState();
        }
        for (int i = 0; i < sorted.size(); i++) {
            workers[i % workers.length].rows.add(sorted.get(i));
        }
        maxLength = sorted.isEmpty() ? 0 : sorted.get(0).length();
        return maxLength;
    }

    /** Loads steps [t0, t0 + steps); returns the number of predicted elements in the chunk. */
    int fill(int t0, int steps) {
        int count = 0;
        for (Worker w : workers) {
            w.chunk.fill(w.rows, t0, steps);
            count += w.chunk.elementCount();
        }
        return count;
    }

    /** Timesteps (key × step) in the loaded chunk. */
    long timesteps() {
        long n = 0;
        for (Worker w : workers) {
            for (int t = 0; t < w.chunk.steps; t++) {
                n += w.chunk.act[t];
            }
        }
        return n;
    }

    /**
     * Forward and backward over the loaded chunk; writes scale·dL/dθ into grad and returns the
     * summed loss. Modified: grad.
     */
    double forwardBackward(float[] p, float[] grad, float scale) {
        run(
                w -> {
                    Arrays.fill(w.grad, 0f);
                    w.loss = w.engine.forwardBackward(w.chunk, p, w.grad, scale);
                });
        System.arraycopy(workers[0].grad, 0, grad, 0, grad.length);
        for (int i = 1; i < workers.length; i++) {
            float[] g = workers[i].grad;
            for (int k = 0; k < grad.length; k++) {
                grad[k] += g[k];
            }
        }
        return totalLoss();
    }

    /** Forward only; returns the summed loss of the loaded chunk. */
    double forward(float[] p) {
        run(w -> w.loss = w.engine.forward(w.chunk, p));
        return totalLoss();
    }

    /**
     * Mean loss over the predictions of the sequences, forward only, in batches of batchKeys and
     * chunks of chunkSteps; NaN if none counts. Not modified: p.
     */
    double meanLoss(float[] p, List<Sequence> seqs, int batchKeys, int chunkSteps) {
        double lossSum = 0;
        long count = 0;
        for (int start = 0; start < seqs.size(); start += batchKeys) {
            int length = begin(seqs.subList(start, Math.min(seqs.size(), start + batchKeys)));
            for (int t0 = 0; t0 < length; t0 += chunkSteps) {
                count += fill(t0, Math.min(chunkSteps, length - t0));
                lossSum += forward(p);
                carry();
            }
        }
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Carries every row's state into the next chunk. */
    void carry() {
        for (Worker w : workers) {
            w.engine.carryState();
        }
    }

    private double totalLoss() {
        double sum = 0;
        for (Worker w : workers) {
            sum += w.loss;
        }
        return sum;
    }

    private interface Task {
        void run(Worker w);
    }

    private void run(Task task) {
        if (pool == null) {
            task.run(workers[0]);
            return;
        }
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 1; i < workers.length; i++) {
            Worker w = workers[i];
            pending.add(pool.submit(() -> task.run(w)));
        }
        task.run(workers[0]);
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while training", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a training worker failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
