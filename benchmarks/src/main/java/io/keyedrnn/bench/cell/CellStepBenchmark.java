package io.keyedrnn.bench.cell;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One recurrent step (input 8, no head) of keyed-rnn's cell against the same step in plain EJML and
 * in ONNX Runtime Java.
 *
 * <p>Inputs cycle through a small set so the branch predictor and the activations see varied
 * values; the state is carried from step to step as in serving. When {@code -Dpeers=DIR} (default
 * benchmarks/target/peers) holds the models of {@code tools/cell_peers/export_onnx.py}, keyed-rnn
 * runs the same PyTorch weights that ONNX Runtime runs; {@link #onnxRuntimeStep} needs them. The
 * {@code *Batch32} benchmarks advance 32 different keys per call and report ns per key-step.
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
    static final int BATCH = 32;

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

    static Path peers() {
        return Path.of(System.getProperty("peers", "benchmarks/target/peers"));
    }

    @Setup
    public void setUp() throws IOException {
        Path exported = peers().resolve(cell.name().toLowerCase() + "-" + hidden + ".safetensors");
        network =
                Files.exists(exported)
                        ? ModelFile.read(exported).network()
                        : NetworkFactory.random(new NetworkSpec(cell, INPUT, hidden, 1, 0, 0), 42);
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

    /** ONNX Runtime's session on the exported step, checked against keyed-rnn's at setup. */
    @State(Scope.Thread)
    public static class Onnx {
        OnnxPeer peer;

        @Setup
        public void setUp(CellStepBenchmark b) throws Exception {
            peer = new OnnxPeer(peers(), b.cell, INPUT, b.hidden);
            float[] state = new float[b.network.stateSize()];
            float[] out = new float[b.network.outputSize()];
            for (int t = 0; t < 20; t++) {
                b.network.step(b.inputs[t], state, out, b.network.newWorkspace());
                peer.step(b.inputs[t]);
            }
            float[] h = peer.hidden();
            double diff = 0;
            for (int k = 0; k < h.length; k++) {
                diff = Math.max(diff, Math.abs(h[k] - state[k]));
            }
            System.out.println("\nONNX Runtime vs keyed-rnn after 20 steps: max |h diff| " + diff);
            if (diff > 1e-4) {
                throw new IllegalStateException("ONNX Runtime and keyed-rnn disagree: " + diff);
            }
        }

        @TearDown
        public void tearDown() throws Exception {
            peer.close();
        }
    }

    @Benchmark
    public float onnxRuntimeStep(Onnx onnx) throws Exception {
        next = (next + 1) & (INPUTS - 1);
        return onnx.peer.step(inputs[next]);
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

    /** 256 keys' states (more than L1 holds, as in keyed state), stepped 32 at a time in turn. */
    @State(Scope.Thread)
    public static class Batch {
        static final int KEYS = 8 * BATCH;
        final float[][][] states = new float[KEYS / BATCH][BATCH][];
        final float[][][] inputs = new float[INPUTS][BATCH][];
        float[][] outs;
        io.keyedrnn.model.BatchWorkspace workspace;
        int group;

        @Setup
        public void setUp(CellStepBenchmark b) {
            for (int k = 0; k < KEYS; k++) {
                states[k / BATCH][k % BATCH] = new float[b.network.stateSize()];
            }
            for (int i = 0; i < INPUTS; i++) {
                for (int k = 0; k < BATCH; k++) {
                    inputs[i][k] = b.inputs[(i + k) & (INPUTS - 1)];
                }
            }
            outs = new float[BATCH][b.network.outputSize()];
            workspace = b.network.newBatchWorkspace(BATCH);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float keyedRnnBatch32(Batch batch) {
        next = (next + 1) & (INPUTS - 1);
        batch.group = (batch.group + 1) % batch.states.length;
        network.stepBatch(
                batch.inputs[next], batch.states[batch.group], batch.outs, BATCH, batch.workspace);
        return batch.outs[BATCH - 1][0];
    }

    /** ONNX Runtime stepping 32 keys per session run (batch axis 32). */
    @State(Scope.Thread)
    public static class Onnx32 {
        OnnxPeer peer;
        final float[][] inputs = new float[INPUTS][];

        @Setup
        public void setUp(CellStepBenchmark b) throws Exception {
            peer = new OnnxPeer(peers(), b.cell, INPUT, b.hidden, BATCH);
            for (int i = 0; i < INPUTS; i++) {
                inputs[i] = new float[BATCH * INPUT];
                for (int k = 0; k < BATCH; k++) {
                    System.arraycopy(
                            b.inputs[(i + k) & (INPUTS - 1)], 0, inputs[i], k * INPUT, INPUT);
                }
            }
        }

        @TearDown
        public void tearDown() throws Exception {
            peer.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float onnxRuntimeBatch32(Onnx32 onnx) throws Exception {
        next = (next + 1) & (INPUTS - 1);
        return onnx.peer.step(onnx.inputs[next]);
    }
}
