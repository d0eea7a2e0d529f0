package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorOpsTest {

    @Test
    void multAddColumnsEqualsNaiveProductAndLeavesInputsAlone() {
        Random rnd = new Random(7);
        int rows = 11;
        int off = 3;
        int n = 5;
        for (int count = 1; count <= 9; count++) {
            float[] m = new float[rows * count];
            for (int i = 0; i < m.length; i++) m[i] = rnd.nextFloat() - 0.5f;
            float[][] cols = VectorOps.columns(m, rows, count);
            float[] x = new float[count + 2];
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 4 - 2;
            float[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            float[] xCopy = x.clone();
            VectorOps.multAddColumns(cols, count, x, 2, y, off, n);
            for (int r = 0; r < rows; r++) {
                double expected = r + 1;
                if (r >= off && r < off + n) {
                    for (int j = 0; j < count; j++)
                        expected += m[r * count + j] * (double) x[2 + j];
                }
                assertEquals(expected, y[r], 1e-5, "count=" + count + " r=" + r);
            }
            assertArrayEquals(xCopy, x);
            assertArrayEquals(VectorOps.columns(m, rows, count)[0], cols[0]);
        }
    }

    @Test
    void multAddColumnsIsOneFusedChainPerOutputInInputOrder() {
        Random rnd = new Random(8);
        for (int count = 1; count <= 40; count++) {
            for (int rows : new int[] {1, 7, 64, 300}) {
                float[][] cols = new float[count][rows + 2];
                for (float[] c : cols) {
                    for (int i = 0; i < c.length; i++) c[i] = (float) rnd.nextGaussian();
                }
                float[] x = new float[count + 1];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian() * 3;
                float[] y = new float[rows + 2];
                for (int i = 0; i < y.length; i++) y[i] = (float) rnd.nextGaussian();
                float[] expected = y.clone();
                for (int r = 1; r <= rows; r++) {
                    for (int j = 0; j < count; j++) {
                        expected[r] = Math.fma(cols[j][r], x[1 + j], expected[r]);
                    }
                }
                VectorOps.multAddColumns(cols, count, x, 1, y, 1, rows);
                for (int r = 0; r < y.length; r++) {
                    assertEquals(
                            Float.floatToRawIntBits(expected[r]),
                            Float.floatToRawIntBits(y[r]),
                            "count " + count + " rows " + rows + " r " + r);
                }
            }
        }
    }

    @Test
    void columnsSplitsRowMajorMatrix() {
        float[] m = {1, 2, 3, 4, 5, 6}; // 2 x 3
        float[][] c = VectorOps.columns(m, 2, 3);
        assertArrayEquals(new float[] {1, 4}, c[0]);
        assertArrayEquals(new float[] {2, 5}, c[1]);
        assertArrayEquals(new float[] {3, 6}, c[2]);
    }

    @Test
    void addIsElementWiseAndFresh() {
        float[] a = {1, 2};
        float[] b = {3, 5};
        float[] s = VectorOps.add(a, b);
        assertArrayEquals(new float[] {4, 7}, s);
        assertArrayEquals(new float[] {1, 2}, a);
    }
}
