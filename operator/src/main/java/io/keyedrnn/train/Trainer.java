package io.keyedrnn.train;

import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.List;

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
        NetworkSpec spec = spec(training);
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
            return new TrainingRun(config, params, runner, steps, listener)
                    .epochs(training, validation);
        }
    }

    /**
     * The mean loss of a network over the predictions of the sequences (those at or after each
     * sequence's lossFrom), computed with the same batched forward pass as training and this
     * configuration's batch keys, tbptt and threads; NaN if no prediction counts. The network's
     * architecture, not the configuration's, applies.
     */
    public double meanLoss(RecurrentNetwork network, List<Sequence> seqs) {
        Parameters params = Parameters.of(network);
        NetworkSpec spec = params.spec();
        SequenceChecks.check(seqs, spec, "evaluation");
        if (seqs.isEmpty()) {
            return Double.NaN;
        }
        int rows = Math.min(config.batchKeys(), seqs.size());
        int longest = SequenceChecks.maxLength(seqs);
        int steps = config.tbptt() == 0 ? longest : Math.min(config.tbptt(), longest);
        checkMemory(spec, rows, steps);
        int width = spec.categorical() ? 0 : spec.inputSize();
        try (BatchRunner runner = new BatchRunner(params, rows, steps, config.threads(), width)) {
            runner.refresh(params.values());
            return runner.meanLoss(params.values(), seqs, config.batchKeys(), steps);
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

    private NetworkSpec spec(List<Sequence> training) {
        if (config.init() != null) {
            NetworkSpec s = Parameters.specOf(config.init());
            int out = s.headSize() > 0 ? s.headSize() : s.hiddenSize();
            if (!s.categorical() && out != s.headKind().outputs(s.inputSize())) {
                throw new IllegalArgumentException(
                        "the initial network predicts "
                                + out
                                + " values but takes "
                                + s.inputSize()
                                + " features; next-step prediction needs them equal");
            }
            return s;
        }
        Sequence first = training.get(0);
        if (first.isNumeric()) {
            int width = 0;
            for (Sequence s : training) {
                if (s.isNumeric() && s.length() > 0 && s.rows()[0] != null) {
                    width = s.rows()[0].length;
                    break;
                }
            }
            if (width < 1) {
                throw new IllegalArgumentException("training data have no features");
            }
            return config.head() == HeadKind.GAUSSIAN
                    ? NetworkSpec.gaussian(config.cell(), width, config.hidden(), config.layers())
                    : NetworkSpec.numeric(config.cell(), width, config.hidden(), config.layers());
        }
        if (config.head() == HeadKind.GAUSSIAN) {
            throw new IllegalArgumentException(
                    "head gaussian predicts numeric features; token input has a softmax head");
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
}
