package io.keyedrnn.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyedrnn.model.io.Normalizer;
import org.junit.jupiter.api.Test;

class EvalHelpersTest {

    @Test
    void normaliserIsFittedOnTheGivenRowsOnly() {
        // Column 0 over rows 1..3: 2, 4, 6 -> mean 4, population std sqrt(8/3).
        // Column 1 is constant there (std 0), so it keeps std 1. Row 0 is outside the range.
        float[][] rows = {{100, 9}, {2, 5}, {4, 5}, {6, 5}};
        Normalizer n = Normalizers.fit(rows, 1, 4);
        assertArrayEquals(new float[] {4, 5}, n.mean());
        assertEquals((float) Math.sqrt(8.0 / 3), n.std()[0], 1e-6f);
        assertEquals(1f, n.std()[1]);
        float[][] z = Normalizers.apply(n, rows, 1, 3);
        assertEquals(2, z.length);
        assertEquals((2 - 4) / (float) Math.sqrt(8.0 / 3), z[0][0], 1e-6f);
        assertEquals(0f, z[1][1]);
        assertArrayEquals(new float[] {2, 5}, rows[1]);
    }

    @Test
    void tableAlignsColumnsAndRejectsRaggedRows() {
        String t = new Table("a", "long header").row("xxxxx", 1.5).render();
        assertEquals(
                "| a     | long header |\n"
                        + "| ----- | ----------- |\n"
                        + "| xxxxx | 1.5         |\n",
                t);
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
        assertEquals("0.125", Table.fixed(0.125, 3));
    }
}
