package io.keyedrnn.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The evaluation progress: a bar with the time left on a terminal, tenths as lines elsewhere. */
class ProgressTest {
    private static final long S = 1_000_000_000L;
    private final StringWriter w = new StringWriter();
    private long now;

    private Progress progress(boolean terminal, long total) {
        return new Progress(new PrintWriter(w), terminal, "files", total, () -> now);
    }

    @Test
    void barText() {
        Progress p = progress(true, 58);
        assertEquals(
                "files 12/58 [######........................]  21%  ETA 3m 50s",
                p.text(12, 60 * S));
        assertEquals("files 0/58 [..............................]   0%", p.text(0, 0));
        assertEquals(
                "files 1/58 [#.............................]   2%", p.text(1, S / 2), "no ETA yet");
        assertEquals("files 58/58 [##############################] 100%", p.text(58, 99 * S));
    }

    @Test
    void withoutTerminalOneLinePerTenth() {
        Progress p = progress(false, 20);
        for (int done = 1; done <= 20; done++) {
            now += 3 * S;
            p.done(done);
        }
        p.finish();
        String[] lines = w.toString().split(System.lineSeparator());
        assertEquals(10, lines.length);
        assertEquals("files 2/20 done (10%), about 54s left", lines[0]);
        assertEquals("files 10/20 done (50%), about 30s left", lines[4]);
        assertEquals("files 20/20 done (100%)", lines[9]);
        assertTrue(!w.toString().contains("\r"), w.toString());
    }

    @Test
    void onTerminalRedrawsInPlaceAndClearsAtTheEnd() {
        Progress p = progress(true, 4);
        now = S;
        p.done(1);
        now += 10;
        p.done(2); // within the redraw interval: not drawn
        now += S;
        p.done(4); // the last item is always drawn
        p.finish();
        String s = w.toString();
        // Two draws, then the clearing: each starts with a carriage return, none ends a line.
        assertEquals(4, s.chars().filter(c -> c == '\r').count(), s);
        assertTrue(s.startsWith("\rfiles 1/4 ["), s);
        assertTrue(s.contains("\rfiles 4/4 ["), s);
        assertTrue(!s.contains("2/4") && !s.contains("\n"), s);
        assertTrue(s.endsWith("  \r"), s);
    }

    @Test
    void durations() {
        assertEquals("45s", Progress.duration(45));
        assertEquals("3m 10s", Progress.duration(190));
        assertEquals("1h 02m", Progress.duration(3720));
    }

    @Test
    void noneIsSilent() {
        Progress.NONE.done(5);
        Progress.NONE.finish();
        assertEquals(Progress.NONE, ProgressOut.NONE.of("files", 3));
    }
}
