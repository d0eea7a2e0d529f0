package io.keyedrnn.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EvalHelpersTest {

    @Test
    void eventLinesFollowTheEventContract() {
        assertEquals(
                "{\"key\":\"k\",\"ts\":1400000060000,\"features\":[1.5,-2.0]}",
                EventLines.numeric("k", EventLines.ts(1), new float[] {1.5f, -2f}));
        assertEquals(
                "{\"key\":\"s1\",\"ts\":1400000000000,\"token\":\"22\"}",
                EventLines.token("s1", EventLines.ts(0), "22"));
        assertThrows(
                IllegalArgumentException.class,
                () -> EventLines.numeric("k", 0, new float[] {Float.NaN}));
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
