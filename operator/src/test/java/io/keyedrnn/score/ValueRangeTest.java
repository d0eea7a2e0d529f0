package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueRangeTest {
    private final float[] min = {0f, 10f};
    private final float[] max = {100f, 10f};

    @Test
    void breachesOnlyBeyondTheMargin() {
        assertFalse(ValueRange.breached(new float[] {104f, 10f}, min, max, 0.05));
        assertTrue(ValueRange.breached(new float[] {106f, 10f}, min, max, 0.05));
        assertTrue(ValueRange.breached(new float[] {-6f, 10f}, min, max, 0.05));
        assertFalse(ValueRange.breached(new float[] {-4f, 10f}, min, max, 0.05));
    }

    @Test
    void aSingleValueRangeNeverBreaches() {
        // Feature 1 has only seen 10: no width to measure a margin by.
        assertFalse(ValueRange.breached(new float[] {50f, 1e6f}, min, max, 0.05));
    }

    @Test
    void rangesOfAnotherLengthNeverBreach() {
        assertFalse(ValueRange.breached(new float[] {1e9f}, min, max, 0.05));
    }

    @Test
    void widenIncludesTheValueAndKeepsTheInput() {
        float[] x = {120f, 5f};
        ValueRange.widen(x, min, max);
        assertArrayEquals(new float[] {0f, 5f}, min);
        assertArrayEquals(new float[] {120f, 10f}, max);
        assertArrayEquals(new float[] {120f, 5f}, x);
    }
}
