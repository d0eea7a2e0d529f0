package io.keyedrnn.jobs.common;

import io.keyedrnn.train.EpochStats;
import io.keyedrnn.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints one line per epoch (loss, validation loss, timesteps/s) and, on a terminal, a progress bar
 * within the epoch that the epoch line then replaces. Off a terminal (a pipe, a log file, a test)
 * only the plain epoch lines appear.
 */
public final class ProgressPrinter implements TrainingListener {
    private static final long REDRAW_NS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final int epochs;
    private long lastDraw;
    private boolean barShown;

    public ProgressPrinter(PrintWriter out, boolean terminal, int epochs) {
        this.out = out;
        this.terminal = terminal;
        this.epochs = epochs;
    }

    @Override
    public void onProgress(int epoch, long done, long total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NS && done < total) {
            return;
        }
        lastDraw = now;
        out.print("\r" + bar(epoch, done, total));
        out.flush();
        barShown = true;
    }

    /** The progress bar text, e.g. {@code epoch 3/30 [#########.....] 45%}. */
    String bar(int epoch, long done, long total) {
        double f = total > 0 ? (double) done / total : 1.0;
        return String.format(Locale.ROOT, "epoch %d/%d ", epoch, epochs) + Progress.bar(f);
    }

    @Override
    public void onEpoch(EpochStats s) {
        if (barShown) {
            out.print("\r" + " ".repeat(Progress.WIDTH + 24) + "\r");
            barShown = false;
        }
        out.println(line(s, epochs));
        out.flush();
    }

    /**
     * The epoch line, e.g. {@code epoch 3/30 loss 0.412300 val 0.398100 52,000 steps/s best};
     * without validation data only the loss and speed.
     */
    public static String line(EpochStats s, int epochs) {
        if (Double.isNaN(s.validationLoss())) {
            return String.format(
                    Locale.ROOT,
                    "epoch %3d/%d  loss %.6f  %,.0f steps/s",
                    s.epoch(),
                    epochs,
                    s.loss(),
                    s.timestepsPerSecond());
        }
        return String.format(
                Locale.ROOT,
                "epoch %3d/%d  loss %.6f  val %.6f  %,.0f steps/s%s",
                s.epoch(),
                epochs,
                s.loss(),
                s.validationLoss(),
                s.timestepsPerSecond(),
                s.best() ? "  best" : "");
    }
}
