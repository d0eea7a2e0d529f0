package io.keyedrnn.jobs.train.report;

import io.keyedrnn.jobs.train.calibrate.Calibrator;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.train.EpochStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training report {@code <out>.report.html}: one self-contained XHTML file (inline CSS and SVG,
 * no scripts, no external resources) with the outcome, the data and what was skipped, the loss
 * curves, the calibration histogram with the threshold marked, and the configuration.
 */
public final class ReportHtml {
    private static final String CSS =
            "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}"
                    + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
                    + "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
                    + "th{background:#f0f0f0}.ok{color:#1e7b34}.bad{color:#b03a2e}"
                    + "svg{display:block;margin:.5em 0 1.5em}";

    private ReportHtml() {}

    /** The report's path beside the model file. */
    public static Path pathFor(Path out) {
        return out.resolveSibling(out.getFileName() + ".report.html");
    }

    public static void write(RunRecord r, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    public static String render(RunRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(
                "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n");
        b.append("<meta charset=\"utf-8\"/>\n<title>keyed-rnn training report</title>\n");
        b.append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>keyed-rnn training report</h1>\n");
        boolean ok = r.status != null && r.status.wroteModel();
        b.append("<p class=\"")
                .append(ok ? "ok" : "bad")
                .append("\"><strong>")
                .append(
                        Html.escape(
                                String.valueOf(r.status)
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', ' ')))
                .append("</strong>: ")
                .append(Html.escape(r.message))
                .append("</p>\n");
        b.append("<h2>Data</h2>\n").append(Html.pairs(dataRows(r)));
        b.append("<h2>Skipped</h2>\n").append(skipped(r.skipped));
        b.append("<h2>Loss per epoch</h2>\n").append(losses(r));
        b.append("<h2>Calibration</h2>\n").append(calibration(r));
        b.append("<h2>Configuration</h2>\n").append(config(r.config));
        return b.append("</body>\n</html>\n").toString();
    }

    private static List<List<String>> dataRows(RunRecord r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("source", String.valueOf(r.source)));
        rows.add(List.of("model file", String.valueOf(r.out)));
        rows.add(List.of("version", r.version > 0 ? Long.toString(r.version) : "-"));
        rows.add(List.of("published to", r.publishedTo != null ? r.publishedTo : "-"));
        Map<String, Object> summary = TrainingSummary.of(r);
        Object data = summary.get("data");
        if (data instanceof Map<?, ?> m) {
            m.forEach((k, v) -> rows.add(List.of(String.valueOf(k), String.valueOf(v))));
        }
        if (r.currentVersion != null || r.currentProblem != null) {
            rows.add(List.of("replaced model", r.currentVersion + " from " + r.currentOrigin));
            rows.add(
                    List.of(
                            "its validation loss",
                            r.currentLoss == null
                                    ? "-"
                                    : Svg.num(r.currentLoss)
                                            + (r.currentProblem != null
                                                    ? " (" + r.currentProblem + ")"
                                                    : "")));
        }
        rows.add(
                List.of(
                        "new validation loss",
                        Double.isNaN(r.validationLoss)
                                ? r.calibratedOnTraining ? "- (nothing held out)" : "-"
                                : Svg.num(r.validationLoss)));
        return rows;
    }

    private static String skipped(SkipCounts s) {
        if (s.events().isEmpty() && s.keys().isEmpty()) {
            return "<p>Nothing was skipped.</p>\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("reason", "events", "keys", "example"));
        java.util.Set<String> reasons = new java.util.TreeSet<>(s.events().keySet());
        reasons.addAll(s.keys().keySet());
        for (String reason : reasons) {
            rows.add(
                    List.of(
                            reason,
                            String.valueOf(s.events().getOrDefault(reason, 0L)),
                            String.valueOf(s.keys().getOrDefault(reason, 0L)),
                            String.valueOf(s.examples().getOrDefault(reason, ""))));
        }
        return Html.table(rows);
    }

    private static String losses(RunRecord r) {
        if (r.epochs.isEmpty()) {
            return "<p>No epoch completed.</p>\n";
        }
        double[] train = r.epochs.stream().mapToDouble(EpochStats::loss).toArray();
        double[] val = r.epochs.stream().mapToDouble(EpochStats::validationLoss).toArray();
        StringBuilder b = new StringBuilder();
        b.append(
                Svg.lines(
                        "Training and validation loss",
                        "epoch",
                        "loss",
                        List.of(
                                new Svg.Series("training", "#2c7bb6", train),
                                new Svg.Series("validation", "#d7191c", val))));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("epoch", "loss", "validation loss", "timesteps/s", "best"));
        for (EpochStats s : r.epochs) {
            rows.add(
                    List.of(
                            Integer.toString(s.epoch()),
                            Svg.num(s.loss()),
                            Svg.num(s.validationLoss()),
                            String.format(Locale.ROOT, "%.0f", s.timestepsPerSecond()),
                            s.best() ? "yes" : ""));
        }
        return b.append(Html.table(rows)).toString();
    }

    private static String calibration(RunRecord r) {
        Calibrator.Result c = r.calibration;
        if (c == null) {
            return "<p>Not calibrated.</p>\n";
        }
        Calibration cal = c.calibration();
        boolean tokens = cal.topG() != null;
        String events = r.calibratedOnTraining ? "training" : "validation";
        String label =
                tokens ? "top_g = " + cal.topG() : "threshold z = " + Svg.num(cal.threshold());
        StringBuilder b = new StringBuilder();
        if (r.calibratedOnTraining) {
            b.append(
                    "<p class=\"bad\">No validation hold-out: calibrated on the training events"
                            + " (in-sample), so new data may be flagged more often than the"
                            + " requested rate.</p>\n");
        }
        String title = r.calibratedOnTraining ? "Training " : "Validation ";
        b.append(
                Svg.histogram(
                        title + (tokens ? "token ranks" : "z scores"),
                        tokens ? "rank of the actual token" : "z of the prediction error",
                        events + " events",
                        c.scores(),
                        40,
                        tokens,
                        c.cut(),
                        label));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scorer", cal.scorer()));
        if (!tokens) {
            rows.add(List.of("error_mean", Svg.num(cal.errorMean())));
            rows.add(List.of("error_std", Svg.num(cal.errorStd())));
        }
        rows.add(
                List.of(
                        tokens ? "top_g" : "threshold",
                        tokens ? cal.topG().toString() : Svg.num(cal.threshold())));
        rows.add(List.of("requested false-alarm rate", Svg.num(cal.falseAlarmRate())));
        rows.add(List.of("achieved on " + events, Svg.num(c.achievedRate())));
        rows.add(List.of("scored " + events + " events", Long.toString(c.scored())));
        b.append(Html.pairs(rows));
        if (c.scored() * cal.falseAlarmRate() < 10) {
            b.append(
                    "<p class=\"bad\">Fewer than 10 "
                            + events
                            + " events are expected above the threshold; it is uncertain. Use more"
                            + " history or a larger false-alarm rate.</p>\n");
        }
        return b.toString();
    }

    private static String config(Map<String, Object> config) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("setting", "value"));
        if (config != null) {
            config.forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
        }
        return Html.table(rows);
    }
}
