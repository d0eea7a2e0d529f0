package io.keyedrnn.jobs.train.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the training report: loss curves and a histogram with a marked cut. */
public final class Svg {
    private static final int W = 640;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private Svg() {}

    /** One line of a chart. */
    public record Series(String name, String color, double[] y) {}

    /**
     * Lines over x = 1..n (NaN or infinite points break the line); a log10 y axis when the finite
     * values span more than a factor of 20 and are all positive.
     */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (Series s : series) {
            n = Math.max(n, s.y().length);
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        StringBuilder b = open(title);
        if (n == 0 || lo > hi) {
            text(b, W / 2.0, H / 2.0, "middle", "no data");
            return b.append("</svg>\n").toString();
        }
        boolean log = lo > 0 && hi / lo > 20;
        double yLo = log ? Math.log10(lo) : lo;
        double yHi = log ? Math.log10(hi) : hi;
        if (yHi - yLo < 1e-12) {
            yHi = yLo + 1;
        }
        axes(b, xLabel, yLabel + (log ? " (log scale)" : ""));
        for (int i = 0; i <= 4; i++) {
            double v = yLo + (yHi - yLo) * i / 4;
            double y = py(v, yLo, yHi);
            grid(b, y);
            text(b, LEFT - 6, y + 4, "end", num(log ? Math.pow(10, v) : v));
        }
        int xTicks = Math.min(n, 10);
        for (int i = 0; i < xTicks; i++) {
            int e = 1 + (int) Math.round((n - 1) * (xTicks == 1 ? 0 : i / (double) (xTicks - 1)));
            text(b, px(e, n), H - BOTTOM + 16, "middle", Integer.toString(e));
        }
        int legendY = TOP + 14;
        for (Series s : series) {
            polyline(b, s, n, yLo, yHi, log);
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>",
                            W - 150,
                            legendY - 4,
                            s.color()));
            text(b, W - 132, legendY, "start", s.name());
            legendY += 16;
        }
        return b.append("</svg>\n").toString();
    }

    private static void polyline(
            StringBuilder b, Series s, int n, double yLo, double yHi, boolean log) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i <= s.y().length; i++) {
            double v = i < s.y().length ? s.y()[i] : Double.NaN;
            if (Double.isFinite(v)) {
                double y = py(log ? Math.log10(v) : v, yLo, yHi);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(i + 1, n), y));
            } else if (pts.length() > 0) {
                b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                        .append(s.color())
                        .append("\" points=\"")
                        .append(pts.toString().trim())
                        .append("\"/>\n");
                pts.setLength(0);
            }
        }
    }

    /**
     * A histogram of values in at most {@code bins} equal bins over a robust range ({@link
     * Histogram}; integer bins when {@code integers}), with the values beyond it as separate grey
     * bars at either end, and a vertical line at {@code cut} labelled {@code cutLabel}.
     */
    public static String histogram(
            String title,
            String xLabel,
            String yLabel,
            double[] values,
            int bins,
            boolean integers,
            double cut,
            String cutLabel) {
        StringBuilder b = open(title);
        if (values.length == 0) {
            text(b, W / 2.0, H / 2.0, "middle", "no scores");
            return b.append("</svg>\n").toString();
        }
        Histogram h = Histogram.of(values, bins, integers, cut);
        int n = h.counts().length;
        int first = h.under() > 0 ? 1 : 0;
        int slots = n + first + (h.over() > 0 ? 1 : 0);
        double plotW = W - LEFT - RIGHT;
        double slot = plotW / slots;
        long top = h.tallest();
        axes(b, xLabel, yLabel);
        // Far values are few: their bars are labelled, as they may be too low to see.
        if (h.under() > 0) {
            bar(b, "underflow", LEFT, slot, h.under(), top, "#999");
            text(b, LEFT + 2, H - BOTTOM - 6, "start", h.under() + " < " + num(h.lo()));
        }
        for (int i = 0; i < n; i++) {
            bar(b, null, LEFT + slot * (first + i), slot, h.counts()[i], top, "#4a7ab8");
        }
        if (h.over() > 0) {
            double x = LEFT + slot * (slots - 1);
            bar(b, "overflow", x, slot, h.over(), top, "#999");
            text(b, W - RIGHT, H - BOTTOM - 6, "end", h.over() + " > " + num(h.hi()));
        }
        double plotH = H - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4;
            text(b, LEFT - 6, y + 4, "end", Long.toString(Math.round(top * i / 4.0)));
        }
        double x0 = LEFT + slot * first;
        double x1 = x0 + slot * n;
        text(b, x0, H - BOTTOM + 16, "middle", num(h.lo()));
        text(b, x1, H - BOTTOM + 16, "middle", num(h.hi()));
        double x = x0 + (x1 - x0) * (cut - h.lo()) / (h.hi() - h.lo());
        b.append(
                String.format(
                        Locale.ROOT,
                        "<line class=\"cut\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" stroke-width=\"2\" stroke-dasharray=\"6,3\"/>\n",
                        x,
                        TOP,
                        x,
                        H - BOTTOM));
        boolean right = x + 4 + 7 * cutLabel.length() < W - RIGHT;
        text(b, right ? x + 4 : x - 4, TOP + 12, right ? "start" : "end", cutLabel);
        return b.append("</svg>\n").toString();
    }

    /** One bar of {@code count} out of {@code top}, with its count as a tooltip. */
    private static void bar(
            StringBuilder b, String cls, double x, double slot, long count, long top, String fill) {
        double plotH = H - TOP - BOTTOM;
        double h = plotH * count / top;
        b.append(
                String.format(
                        Locale.ROOT,
                        "<rect%s x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%d</title></rect>\n",
                        cls != null ? " class=\"" + cls + "\"" : "",
                        x,
                        TOP + plotH - h,
                        Math.max(0.5, slot - 1),
                        h,
                        fill,
                        count));
    }

    private static StringBuilder open(String title) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
                        W,
                        H,
                        W,
                        H));
        b.append("<title>").append(Html.escape(title)).append("</title>\n");
        return b;
    }

    private static void axes(StringBuilder b, String xLabel, String yLabel) {
        b.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
                        LEFT,
                        H - BOTTOM,
                        W - RIGHT,
                        H - BOTTOM));
        b.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
                        LEFT,
                        TOP,
                        LEFT,
                        H - BOTTOM));
        text(b, (LEFT + W - RIGHT) / 2.0, H - 8, "middle", xLabel);
        b.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>\n",
                        (TOP + H - BOTTOM) / 2.0,
                        (TOP + H - BOTTOM) / 2.0,
                        Html.escape(yLabel)));
    }

    private static void grid(StringBuilder b, double y) {
        b.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                        LEFT,
                        y,
                        W - RIGHT,
                        y));
    }

    private static void text(StringBuilder b, double x, double y, String anchor, String s) {
        b.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
                        x,
                        y,
                        anchor,
                        Html.escape(s)));
    }

    private static double px(int epoch, int n) {
        return n <= 1
                ? LEFT + (W - LEFT - RIGHT) / 2.0
                : LEFT + (W - LEFT - RIGHT) * (epoch - 1) / (double) (n - 1);
    }

    private static double py(double v, double lo, double hi) {
        return TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo));
    }

    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(
                Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? "%.4g" : "%.3e", v);
    }
}
