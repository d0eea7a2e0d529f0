package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backward pass against central finite differences of an independent double-precision forward pass,
 * chunk by chunk with the state carried (and detached) between chunks.
 */
class GradientCheckTest {
    private static final double EPS = 1e-6;

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void oneLayerWithHeadWholeSequences(CellKind cell) {
        check(NetworkSpec.numeric(cell, 3, 5, 1), 20, 1);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void twoLayersWithHeadInChunksCarryingState(CellKind cell) {
        check(NetworkSpec.numeric(cell, 3, 5, 2), 4, 2);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void embeddingAndSoftmaxHeadInChunks(CellKind cell) {
        check(NetworkSpec.categorical(cell, 6, 4, 5, 2), 3, 3);
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void noHead(CellKind cell) {
        check(new NetworkSpec(cell, 4, 4, 1, 0, 0), 5, 4);
    }

    private static void check(NetworkSpec spec, int chunk, long seed) {
        Parameters params = Parameters.of(NetworkFactory.random(spec, seed));
        List<Sequence> seqs = new ArrayList<>(TrainData.random(spec, 5, 1, 10, seed));
        seqs.set(1, seqs.get(1).withLossFrom(3)); // loss counted only late in this key
        BpttEngine engine = new BpttEngine(params, seqs.size(), chunk);
        engine.refresh(params.values());
        engine.resetState();
        Chunk c = new Chunk(seqs.size(), chunk, spec.categorical() ? 0 : spec.inputSize());
        ReferenceNet ref = new ReferenceNet(params);
        double[] theta = new double[params.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = params.values()[i];
        }
        List<double[][]> states = new ArrayList<>();
        for (int b = 0; b < seqs.size(); b++) {
            states.add(ref.zeroState());
        }
        int checked = 0;
        for (int t0 = 0; t0 < seqs.get(0).length(); t0 += chunk) {
            int steps = Math.min(chunk, seqs.get(0).length() - t0);
            c.fill(seqs, t0, steps);
            float[] grad = new float[params.size()];
            int count = c.elementCount();
            double loss = engine.forwardBackward(c, params.values(), grad, 1f / Math.max(1, count));
            double refLoss = refLoss(ref, theta, seqs, t0, steps, states);
            assertEquals(refLoss, loss, 1e-4 * Math.abs(refLoss) + 1e-6, "loss at t0=" + t0);
            if (count > 0) {
                compare(grad, finiteDifferences(ref, theta, seqs, t0, steps, states, count), t0);
                checked++;
            }
            advance(ref, theta, seqs, t0, steps, states);
            engine.carryState();
        }
        assertTrue(checked > 0, "no chunk had a prediction to check");
    }

    private static double[] finiteDifferences(
            ReferenceNet ref,
            double[] theta,
            List<Sequence> seqs,
            int t0,
            int steps,
            List<double[][]> states,
            int count) {
        double[] fd = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            theta[i] = saved + EPS;
            double plus = refLoss(ref, theta, seqs, t0, steps, states);
            theta[i] = saved - EPS;
            double minus = refLoss(ref, theta, seqs, t0, steps, states);
            theta[i] = saved;
            fd[i] = (plus - minus) / (2 * EPS) / count;
        }
        return fd;
    }

    private static void compare(float[] grad, double[] fd, int t0) {
        double max = 0;
        for (double v : fd) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 1e-4, "gradient is all but zero at t0=" + t0);
        for (int i = 0; i < fd.length; i++) {
            double tol = 2e-4 * max + 2e-3 * Math.abs(fd[i]);
            assertEquals(fd[i], grad[i], tol, "parameter " + i + " at t0=" + t0);
        }
    }

    /** Summed loss of the chunk from copies of the start states. */
    private static double refLoss(
            ReferenceNet ref,
            double[] theta,
            List<Sequence> seqs,
            int t0,
            int steps,
            List<double[][]> states) {
        double sum = 0;
        for (int b = 0; b < seqs.size(); b++) {
            sum += ref.run(theta, seqs.get(b), t0, steps, copy(states.get(b)));
        }
        return sum;
    }

    private static void advance(
            ReferenceNet ref,
            double[] theta,
            List<Sequence> seqs,
            int t0,
            int steps,
            List<double[][]> states) {
        for (int b = 0; b < seqs.size(); b++) {
            ref.run(theta, seqs.get(b), t0, steps, states.get(b));
        }
    }

    private static double[][] copy(double[][] s) {
        double[][] c = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i].clone();
        }
        return c;
    }
}
