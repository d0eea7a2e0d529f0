package io.keyedrnn.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.train.EpochStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Plain epoch lines off a terminal; a bar that the epoch line replaces on one. */
class ProgressPrinterTest {
    private static final EpochStats E = new EpochStats(3, 0.5, 0.25, 1000, 0.5, true);

    @Test
    void plainLinesWithoutTerminal() {
        StringWriter w = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(w), false, 10);
        p.onProgress(3, 500, 1000);
        p.onEpoch(E);
        assertEquals(
                "epoch   3/10  loss 0.500000  val 0.250000  2,000 steps/s  best"
                        + System.lineSeparator(),
                w.toString());
    }

    @Test
    void epochLineWithoutValidationHasNoValColumn() {
        EpochStats noValidation = new EpochStats(2, 0.5, Double.NaN, 1000, 0.5, true);
        assertEquals(
                "epoch   2/10  loss 0.500000  2,000 steps/s",
                ProgressPrinter.line(noValidation, 10));
    }

    @Test
    void barOnTerminal() {
        StringWriter w = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(w), true, 10);
        p.onProgress(3, 1000, 1000);
        p.onEpoch(E);
        String s = w.toString();
        assertTrue(s.startsWith("\repoch 3/10 [" + "#".repeat(30) + "] 100%\r"), s);
        assertTrue(s.endsWith("best" + System.lineSeparator()), s);
        assertEquals("epoch 3/10 [###############...............]  50%", p.bar(3, 500, 1000));
        assertFalse(p.bar(1, 0, 0).contains("."));
    }
}
