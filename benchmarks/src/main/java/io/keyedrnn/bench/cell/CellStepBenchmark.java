package io.keyedrnn.bench.cell;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One recurrent step (input 8, no head) of keyed-rnn's cell against the same step in plain EJML.
 *
 * <p>Inputs cycle through a small set so the branch predictor and the activations see varied
 * values; the state is carried from step to step as in serving.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class CellStepBenchmark {
    private static final int INPUT = 8;
    private static final int INPUTS = 64;

    @Param({"LSTM", "GRU"})
    public CellKind cell;

    @Param({"32", "64", "128", "256"})
    public int hidden;

    private RecurrentNetwork network;
    private Workspace workspace;
    private float[] state;
    private float[] out;
    private float[][] inputs;
    private FMatrixRMaj[] ejmlInputs;
    private EjmlLstmStep ejmlLstm;
    private EjmlGruStep ejmlGru;
    private FMatrixRMaj ejmlH;
    private FMatrixRMaj ejmlC;
    private int next;

    @Setup
    public void setUp() {
        network = NetworkFactory.random(new NetworkSpec(cell, INPUT, hidden, 1, 0, 0), 42);
        workspace = network.newWorkspace();
        state = new float[network.stateSize()];
        out = new float[network.outputSize()];
        SplittableRandom rnd = new SplittableRandom(1);
        inputs = new float[INPUTS][INPUT];
        ejmlInputs = new FMatrixRMaj[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            for (int j = 0; j < INPUT; j++) {
                inputs[i][j] = (float) rnd.nextDouble(-2, 2);
            }
            ejmlInputs[i] = new FMatrixRMaj(INPUT, 1, true, inputs[i]);
        }
        RecurrentLayer l = network.layers().get(0);
        ejmlH = new FMatrixRMaj(hidden, 1);
        ejmlC = new FMatrixRMaj(hidden, 1);
        if (cell == CellKind.LSTM) {
            ejmlLstm =
                    new EjmlLstmStep(
                            INPUT, hidden, l.weightIh(), l.weightHh(), l.biasIh(), l.biasHh());
        } else {
            ejmlGru =
                    new EjmlGruStep(
                            INPUT, hidden, l.weightIh(), l.weightHh(), l.biasIh(), l.biasHh());
        }
    }

    @Benchmark
    public float keyedRnnStep() {
        next = (next + 1) & (INPUTS - 1);
        network.step(inputs[next], state, out, workspace);
        return out[0];
    }

    @Benchmark
    public float plainEjmlStep() {
        next = (next + 1) & (INPUTS - 1);
        if (ejmlLstm != null) {
            ejmlLstm.step(ejmlInputs[next], ejmlH, ejmlC);
        } else {
            ejmlGru.step(ejmlInputs[next], ejmlH);
        }
        return ejmlH.data[0];
    }
}
