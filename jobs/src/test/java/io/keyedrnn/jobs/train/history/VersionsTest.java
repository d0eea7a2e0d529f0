package io.keyedrnn.jobs.train.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A new version is always above the current one. */
class VersionsTest {
    @Test
    void currentPlusOne() {
        assertEquals(8, Versions.next(null, 7, 1_700_000_000_000L));
    }

    @Test
    void clockWithoutACurrentModel() {
        assertEquals(1_700_000_000_000L, Versions.next(null, 0, 1_700_000_000_000L));
        assertEquals(1, Versions.next(null, 0, 0));
    }

    @Test
    void explicitMustBeAboveTheCurrent() {
        assertEquals(12, Versions.next(12L, 7, 5));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Versions.next(7L, 7, 5));
        assertTrue(
                e.getMessage().contains("not above the current model's version 7"), e.getMessage());
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThrows(ArithmeticException.class, () -> Versions.next(null, Long.MAX_VALUE, 5));
    }
}
