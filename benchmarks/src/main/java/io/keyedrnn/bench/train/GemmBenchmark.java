package io.keyedrnn.bench.train;

import io.keyedrnn.train.Gemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
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
 * The trainer's matrix products against EJML's {@code CommonOps_FDRM} on the shapes of the training
 * benchmark (batch 32, input 8, hidden 64, LSTM: 256 gate rows): C += A·B for the forward and
 * backward recurrent products, C += Aᵀ·B for the weight gradient. Reported as time per product; the
 * FLOP count is 2·m·k·n.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class GemmBenchmark {
    /** m×k×n: forward h·W_hhᵀ, backward dG·W_hh, input projection x·W_ihᵀ. */
    @Param({"32x64x256", "32x256x64", "32x8x256"})
    public String shape;

    private int m;
    private int k;
    private int n;
    private float[][] a;
    private float[][] b;
    private float[][] c;
    private float[][] g;
    private float[][] dw;
    private FMatrixRMaj ea;
    private FMatrixRMaj eb;
    private FMatrixRMaj ec;
    private FMatrixRMaj eg;
    private FMatrixRMaj edw;

    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        k = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        SplittableRandom rnd = new SplittableRandom(1);
        a = random(m, k, rnd);
        b = random(k, n, rnd);
        g = random(m, n, rnd);
        c = new float[m][n];
        dw = new float[k][n];
        ea = ejml(a);
        eb = ejml(b);
        eg = ejml(g);
        ec = new FMatrixRMaj(m, n);
        edw = new FMatrixRMaj(k, n);
    }

    private static float[][] random(int rows, int cols, SplittableRandom rnd) {
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) rnd.nextDouble(-0.01, 0.01);
            }
        }
        return x;
    }

    private static FMatrixRMaj ejml(float[][] x) {
        FMatrixRMaj e = new FMatrixRMaj(x.length, x[0].length);
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, e.data, i * x[0].length, x[0].length);
        }
        return e;
    }

    @Benchmark
    public float[][] keyedRnnMultAdd() {
        Gemm.multAdd(a, m, k, b, n, c);
        return c;
    }

    @Benchmark
    public FMatrixRMaj ejmlMultAdd() {
        CommonOps_FDRM.multAdd(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public float[][] keyedRnnMultTransAAdd() {
        Gemm.multTransAAdd(a, m, k, g, 0, n, dw);
        return dw;
    }

    @Benchmark
    public FMatrixRMaj ejmlMultAddTransA() {
        CommonOps_FDRM.multAddTransA(ea, eg, edw);
        return edw;
    }
}
