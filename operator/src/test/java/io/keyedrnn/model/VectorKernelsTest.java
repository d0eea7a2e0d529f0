package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API products against the scalar ones, bit for bit, over random shapes (row counts and
 * offsets off the lane and block multiples), weights, inputs and batch sizes 1..40. Runs where the
 * module is in the boot layer (the vector-api surefire execution); skipped elsewhere.
 */
class VectorKernelsTest {
    private static StepKernels vector;

    @BeforeAll
    static void load() {
        assumeTrue(Kernels.moduleInBootLayer(), "needs --add-modules " + Kernels.MODULE);
        vector = Kernels.load();
    }

    @Test
    void singleProductEqualsScalarBitForBit() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 400; trial++) {
            int rows = 1 + rnd.nextInt(trial < 200 ? 80 : 600);
            int count = 1 + rnd.nextInt(90);
            float[][] cols = columns(rnd, rows, count);
            float[] packed = vector.pack(cols);
            int off = rnd.nextInt(rows);
            int n = 1 + rnd.nextInt(rows - off);
            int xOff = rnd.nextInt(5);
            float[] x = values(rnd, xOff + count + rnd.nextInt(3));
            float[] y = values(rnd, rows);
            float[] expected = y.clone();
            VectorOps.multAddColumns(cols, count, x, xOff, expected, off, n);
            vector.multAdd(cols, packed, x, xOff, y, off, n);
            same(expected, y, "rows " + rows + " count " + count + " off " + off + " n " + n);
        }
    }

    @Test
    void batchProductEqualsScalarBitForBitForBatchesOf1To40() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int n = 1; n <= 40; n++) {
            for (int trial = 0; trial < 6; trial++) {
                int rows = 1 + rnd.nextInt(trial % 2 == 0 ? 100 : 400);
                int count = 1 + rnd.nextInt(80);
                float[][] cols = columns(rnd, rows, count);
                float[] packed = vector.pack(cols);
                int off = rnd.nextInt(rows);
                int len = 1 + rnd.nextInt(rows - off);
                // Half the trials read each key's x from its own y row, outside [off, off + len),
                // as GRU-Cho's r ⊙ h product does.
                boolean own = trial % 3 == 0 && off >= count;
                float[][] xs = new float[n][];
                int[] xOffs = new int[n];
                float[][] ys = new float[n][];
                float[][] expected = new float[n][];
                for (int b = 0; b < n; b++) {
                    ys[b] = values(rnd, rows);
                    xOffs[b] = own ? rnd.nextInt(off - count + 1) : rnd.nextInt(4);
                    xs[b] = own ? ys[b] : values(rnd, xOffs[b] + count);
                }
                for (int b = 0; b < n; b++) {
                    expected[b] = ys[b].clone();
                }
                float[][] expectedXs = own ? expected : xs;
                BatchOps.multAddColumns(cols, count, expectedXs, xOffs, expected, off, len, n);
                vector.multAddBatch(cols, packed, xs, xOffs, ys, off, len, n);
                for (int b = 0; b < n; b++) {
                    same(
                            expected[b],
                            ys[b],
                            "n " + n + " rows " + rows + " count " + count + " off " + off + " len "
                                    + len + " own " + own + " key " + b);
                }
            }
        }
    }

    @Test
    void elementWiseProductsEqualScalarBitForBit() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int trial = 0; trial < 300; trial++) {
            int n = rnd.nextInt(100);
            int[] offs = {rnd.nextInt(7), rnd.nextInt(7), rnd.nextInt(7), rnd.nextInt(7)};
            float[] a = values(rnd, offs[0] + n);
            float[] b = values(rnd, offs[1] + n);
            float[] c = values(rnd, offs[2] + n);
            float[] d = values(rnd, offs[3] + n);
            float[] expected = values(rnd, n + 3);
            float[] actual = expected.clone();
            float[] expectedMul = expected.clone();
            float[] actualMul = expected.clone();
            for (int k = 0; k < n; k++) {
                expected[3 + k] = a[offs[0] + k] * b[offs[1] + k] + c[offs[2] + k] * d[offs[3] + k];
                expectedMul[k] = a[offs[0] + k] * b[offs[1] + k];
            }
            vector.mulAddMul(a, offs[0], b, offs[1], c, offs[2], d, offs[3], actual, 3, n);
            vector.mul(a, offs[0], b, offs[1], actualMul, 0, n);
            same(expected, actual, "mulAddMul n " + n);
            same(expectedMul, actualMul, "mul n " + n);
        }
    }

    private static float[][] columns(SplittableRandom rnd, int rows, int count) {
        float scale = (float) Math.exp(rnd.nextDouble(-6, 4));
        float[][] c = new float[count][rows];
        for (float[] col : c) {
            for (int r = 0; r < rows; r++) {
                col[r] = rnd.nextInt(20) == 0 ? 0f : (float) rnd.nextDouble(-scale, scale);
            }
        }
        return c;
    }

    /** Moderate values with some zeros, -0, huge and tiny ones, so rounding differences show. */
    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(12);
            v[i] =
                    switch (kind) {
                        case 0 -> 0f;
                        case 1 -> -0f;
                        case 2 -> (float) rnd.nextDouble(-1e30, 1e30);
                        case 3 -> (float) rnd.nextDouble(-1e-30, 1e-30);
                        default -> (float) rnd.nextDouble(-4, 4);
                    };
        }
        return v;
    }

    private static void same(float[] expected, float[] actual, String where) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(where + " [" + i + "]: scalar " + expected[i] + ", vector " + actual[i]);
            }
        }
    }
}
