package io.keyedrnn.jobs.common;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Progress through a known number of items: on a terminal a bar redrawn in place with the time
 * left, elsewhere (a pipe, a log file, CI) a plain line at every tenth of the work.
 */
public final class Progress {
    /** Width of the bar between its brackets. */
    public static final int WIDTH = 30;

    /** Progress that prints nothing. */
    public static final Progress NONE = new Progress(null, false, "", 0, System::nanoTime);

    private static final long REDRAW_NS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final String what;
    private final long total;
    private final LongSupplier nanos;
    private final long start;
    private long lastDraw;
    private int tenthsSaid;
    private int shown;

    /**
     * @param what the items counted, e.g. "files"
     * @param nanos the clock (System::nanoTime outside tests)
     */
    public Progress(
            PrintWriter out, boolean terminal, String what, long total, LongSupplier nanos) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
        this.total = total;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** Progress on {@code out} with the system clock. */
    public static Progress of(PrintWriter out, boolean terminal, String what, long total) {
        return new Progress(out, terminal, what, total, System::nanoTime);
    }

    /** Records that {@code done} of the items are done. */
    public void done(long done) {
        if (out == null) {
            return;
        }
        long now = nanos.getAsLong();
        if (terminal) {
            if (shown == 0 || now - lastDraw >= REDRAW_NS || done >= total) {
                lastDraw = now;
                String text = text(done, now - start);
                out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
                shown = text.length();
                out.flush();
            }
            return;
        }
        int tenths = total > 0 ? (int) Math.min(10, 10 * done / total) : 10;
        if (tenths > tenthsSaid) {
            tenthsSaid = tenths;
            out.println(line(done, now - start));
            out.flush();
        }
    }

    /** Ends the progress: clears the bar, so the next line starts on an empty line. */
    public void finish() {
        if (out != null && shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }

    /** The bar, e.g. {@code files 12/58 [######........................] 21% ETA 3m 10s}. */
    String text(long done, long elapsedNs) {
        return String.format(
                Locale.ROOT,
                "%s %d/%d %s%s",
                what,
                done,
                total,
                bar(fraction(done, total)),
                eta(done, elapsedNs).map(s -> "  ETA " + s).orElse(""));
    }

    /** The plain line, e.g. {@code files 12/58 done (21%), about 3m 10s left}. */
    String line(long done, long elapsedNs) {
        return String.format(
                        Locale.ROOT,
                        "%s %d/%d done (%d%%)",
                        what,
                        done,
                        total,
                        Math.round(100 * fraction(done, total)))
                + eta(done, elapsedNs).map(s -> ", about " + s + " left").orElse("");
    }

    /** {@code [#####.....] 45%} for a fraction in [0, 1]. */
    public static String bar(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        return String.format(
                Locale.ROOT,
                "[%s%s] %3d%%",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                Math.round(f * 100));
    }

    /**
     * Time left at the pace so far; empty after the last item, and in the first second (the first
     * items carry the start-up, so their pace says little).
     */
    private Optional<String> eta(long done, long elapsedNs) {
        if (done <= 0 || done >= total || elapsedNs < 1_000_000_000L) {
            return Optional.empty();
        }
        double left = elapsedNs / 1e9 * (total - done) / done;
        return Optional.of(duration(Math.round(left)));
    }

    /** {@code 45s}, {@code 3m 10s}, {@code 1h 02m}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private static double fraction(long done, long total) {
        return total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
    }
}
