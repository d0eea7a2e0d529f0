package io.keyedrnn.jobs.eval.hdfs;

import io.keyedrnn.jobs.eval.Table;
import java.util.List;
import java.util.Locale;

/** The hdfs suite's printed table and notes. */
public final class HdfsTable {
    private static final long N = DetectionRates.DEEPLOG_NORMAL;
    private static final long A = DetectionRates.DEEPLOG_ABNORMAL;

    private HdfsTable() {}

    /** Measured rows for every run, then the published figures from the data README. */
    public static String render(List<HdfsResult> runs) {
        Table t =
                new Table(
                        "detector",
                        "rule",
                        "recall",
                        "FP rate (95% upper)",
                        "precision* (95% low)",
                        "F1*",
                        "source");
        for (HdfsResult r : runs) {
            String name =
                    "keyed-rnn LSTM" + (r.endToken() ? ", <end> token" : "") + ", " + r.model();
            String target = " (" + pct(HdfsSettings.TARGET_FP_RATE) + " FP on validation)";
            row(t, name, "g = " + HdfsSettings.DEFAULT_G + " (DeepLog default)", r.atDefault());
            row(t, name, "g = " + r.chosenG() + target, r.atChosen());
            row(t, name, "-ln p > " + Table.fixed(r.threshold(), 3) + target, r.atThreshold());
            row(
                    t,
                    name,
                    "g = "
                            + r.chosenG()
                            + " or -ln p > "
                            + Table.fixed(r.eitherThreshold(), 3)
                            + " (none on validation)",
                    r.atEither());
            row(
                    t,
                    name,
                    "events g = "
                            + r.endG()
                            + ", <end> -ln p > "
                            + Table.fixed(r.endThreshold(), 3)
                            + " (end rule)",
                    r.atEnds());
        }
        t.row(
                "DeepLog (paper, via README)",
                "9",
                "≈0.964",
                "833 of 553,366",
                "≈0.951",
                "≈0.96",
                "published");
        t.row("DeepLog (logdeep README)", "?", "0.9330", "?", "0.9583", "0.9454", "published");
        return t.render();
    }

    private static void row(Table t, String name, String g, DetectionRates d) {
        t.row(
                name,
                g,
                Table.fixed(d.recall(), 4),
                pct(d.fpRate()) + " (≤" + pct(d.fpRateUpper95()) + ")",
                Table.fixed(d.precisionAt(N, A), 3)
                        + " (≥"
                        + Table.fixed(d.precisionLower95At(N, A), 3)
                        + ")",
                Table.fixed(d.f1At(N, A), 3),
                "measured");
    }

    private static String pct(double v) {
        return Table.fixed(100 * v, 3) + "%";
    }

    /** Notes printed under the table. */
    public static String notes(List<HdfsResult> runs, long seed) {
        HdfsResult r = runs.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(
                "\n* at DeepLog's test ratio of 553,366 normal : 16,838 abnormal sessions,"
                        + " from the measured recall and FP rate (the normal test file is not available).\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "sessions: %d train, %d validation, %d held-out normal, %d abnormal; seed %d%n",
                        r.trainSessions(),
                        r.validationSessions(),
                        r.heldOutSessions(),
                        r.abnormalSessions(),
                        seed));
        for (HdfsResult x : runs) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%s, %d training sessions: recall at g=9 on abnormal sessions of < %d"
                                    + " keys %.4f, of >= %d keys %.4f; best epoch %d of %d,"
                                    + " %.1f s%n",
                            x.model(),
                            x.trainSessions(),
                            HdfsSuite.SHORT_SESSION,
                            x.shortRecall(),
                            HdfsSuite.SHORT_SESSION,
                            x.longRecall(),
                            x.bestEpoch(),
                            x.epochsRun(),
                            x.seconds()));
            sb.append("held-out normals flagged by the combined rule: ")
                    .append(x.heldOutFlagged().isEmpty() ? "none" : x.heldOutFlagged())
                    .append('\n');
        }
        return sb.toString();
    }
}
