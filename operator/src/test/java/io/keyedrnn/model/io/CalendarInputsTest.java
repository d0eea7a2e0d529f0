package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The calendar inputs derived from a timestamp: exact values at known times, UTC, any epoch. */
class CalendarInputsTest {
    private static final CalendarInputs BOTH = CalendarInputs.parse("time_of_day,day_of_week");

    private static float[] derive(long epochMs) {
        float[] out = new float[5];
        out[0] = 42f;
        BOTH.derive(epochMs, out, 1);
        assertEquals(42f, out[0], "derive writes only from its offset");
        return out;
    }

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void mondayMidnightIsTheStartOfBothCircles() {
        // 2014-07-07 was a Monday: angle 0 on both circles, sin 0 and cos 1 exactly.
        float[] x = derive(utc("2014-07-07T00:00:00Z"));
        assertEquals(0f, x[1]);
        assertEquals(1f, x[2]);
        assertEquals(0f, x[3]);
        assertEquals(1f, x[4]);
    }

    @Test
    void quarterDaysSitAtTheQuarterPointsOfTheCircle() {
        float[] six = derive(utc("2014-07-07T06:00:00Z"));
        assertEquals(1f, six[1]);
        assertEquals(0f, six[2], 1e-7f);
        float[] noon = derive(utc("2014-07-07T12:00:00Z"));
        assertEquals(0f, noon[1], 1e-7f);
        assertEquals(-1f, noon[2]);
        float[] eighteen = derive(utc("2014-07-07T18:00:00Z"));
        assertEquals(-1f, eighteen[1]);
        assertEquals(0f, eighteen[2], 1e-7f);
        // The day of week does not move within the day.
        assertEquals(0f, eighteen[3]);
        assertEquals(1f, eighteen[4]);
    }

    @Test
    void sundayIsSixSeventhsRoundAndTheLastMillisecondSitsNextToMidnight() {
        // Before 1970: 1969-12-28 was a Sunday (day 6 of 0-6): angle 12π/7.
        float[] x = derive(utc("1969-12-28T23:59:59.999Z"));
        assertEquals(-0.7818314824680298f, x[3]);
        assertEquals(0.6234898018587336f, x[4]);
        assertEquals(0f, x[1], 1e-6f);
        assertTrue(x[1] < 0, "just before midnight: sin slightly below 0");
        assertEquals(1f, x[2], 1e-6f);
    }

    @Test
    void agreesWithJavaTimeAtRandomInstants() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 2000; i++) {
            long ms = r.nextLong(-4_000_000_000_000L, 4_000_000_000_000L);
            ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC);
            double tod = 2 * Math.PI * (t.toLocalTime().toNanoOfDay() / 1_000_000) / 86_400_000;
            double dow = 2 * Math.PI * (t.getDayOfWeek().getValue() - 1) / 7;
            float[] x = derive(ms);
            assertEquals((float) Math.sin(tod), x[1], "tod sin at " + t);
            assertEquals((float) Math.cos(tod), x[2], "tod cos at " + t);
            assertEquals((float) Math.sin(dow), x[3], "dow sin at " + t);
            assertEquals((float) Math.cos(dow), x[4], "dow cos at " + t);
        }
    }

    @Test
    void settingTextParsesInOrderAndRefusesUnknownOrRepeated() {
        assertEquals(CalendarInputs.NONE, CalendarInputs.parse("none"));
        assertEquals(CalendarInputs.NONE, CalendarInputs.parse(" "));
        assertEquals(
                List.of(CalendarInput.DAY_OF_WEEK, CalendarInput.TIME_OF_DAY),
                CalendarInputs.parse(" day_of_week , time_of_day").inputs());
        assertEquals(4, BOTH.width());
        assertEquals("time_of_day,day_of_week", BOTH.text());
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> CalendarInputs.parse("hour"));
        assertTrue(unknown.getMessage().contains("'hour'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("time_of_day, day_of_week"));
        IllegalArgumentException twice =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CalendarInputs.parse("time_of_day,time_of_day"));
        assertTrue(twice.getMessage().contains("repeat"), twice.getMessage());
    }

    @Test
    void differentListsHaveDifferentCodes() {
        assertEquals(0, CalendarInputs.NONE.code());
        long a = CalendarInputs.parse("time_of_day").code();
        long b = CalendarInputs.parse("day_of_week").code();
        long c = BOTH.code();
        long d = CalendarInputs.parse("day_of_week,time_of_day").code();
        assertEquals(4, java.util.Set.of(a, b, c, d).size());
    }
}
