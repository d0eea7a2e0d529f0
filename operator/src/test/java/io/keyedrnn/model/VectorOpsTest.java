package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorOpsTest {

    @Test
    void multAddTransposedEqualsNaiveProductAndLeavesInputsAlone() {
        Random rnd = new Random(7);
        for (int rows = 1; rows <= 9; rows++) {
            int cols = 5;
            int ld = 11;
            int colOff = 3;
            float[] w = new float[rows * ld];
            float[] x = new float[rows + 2];
            for (int i = 0; i < w.length; i++) w[i] = rnd.nextFloat() - 0.5f;
            for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 4 - 2;
            float[] y = {1, 2, 3, 4, 5, 6, 7};
            float[] wCopy = w.clone();
            float[] xCopy = x.clone();
            VectorOps.multAddTransposed(w, ld, colOff, rows, cols, x, 2, y, 1);
            for (int r = 0; r < cols; r++) {
                double expected = r + 2;
                for (int j = 0; j < rows; j++)
                    expected += w[j * ld + colOff + r] * (double) x[2 + j];
                assertEquals(expected, y[1 + r], 1e-5, "rows=" + rows + " r=" + r);
            }
            assertEquals(1f, y[0]);
            assertEquals(7f, y[6]);
            assertArrayEquals(wCopy, w);
            assertArrayEquals(xCopy, x);
        }
    }

    @Test
    void transposeSwapsIndices() {
        float[] m = {1, 2, 3, 4, 5, 6}; // 2 x 3
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, VectorOps.transpose(m, 2, 3));
    }
}
