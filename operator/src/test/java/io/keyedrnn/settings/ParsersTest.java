package io.keyedrnn.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Durations: milliseconds or a number with a unit, and errors that say what is expected. */
class ParsersTest {
    private static long ms(String v) {
        return Parsers.durationMs().apply(v);
    }

    @Test
    void durationsTakeMillisecondsOrAUnit() {
        assertEquals(250, ms("250"));
        assertEquals(250, ms("250ms"));
        assertEquals(90_000, ms("90s"));
        assertEquals(1_800_000, ms("30m"));
        assertEquals(1_800_000, ms("30 min"));
        assertEquals(7_200_000, ms("2H"));
        assertEquals(86_400_000, ms("1d"));
    }

    @Test
    void badDurationsSayWhatIsExpected() {
        for (String bad : new String[] {"", "h", "1w", "1.5h", "-1s", "0s"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ms(bad), bad);
            assertTrue(
                    e.getMessage().contains("duration") || e.getMessage().contains("at least 1"),
                    bad + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ms("9999999999999999d"));
    }
}
