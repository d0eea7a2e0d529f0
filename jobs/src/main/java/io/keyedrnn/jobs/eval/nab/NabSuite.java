package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.common.Progress;
import io.keyedrnn.jobs.common.ProgressOut;
import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.Table;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The nab suite: keyed-rnn run as a NAB detector over NAB's corpus, one key per file in time order,
 * its per-row anomaly scores scored with NAB's three application profiles twice: at the threshold
 * NAB's optimiser picks on the labels (NAB's protocol, as for every published row) and at the
 * detector's own alert threshold (deployable).
 */
public final class NabSuite {
    /** The detector name in results directories, as NAB names each detector's folder. */
    public static final String DETECTOR = "keyed-rnn";

    private NabSuite() {}

    /**
     * Runs the suite, showing the files done on {@code progress}; with a non-null resultsDir, also
     * writes NAB results files there.
     */
    public static NabSuiteResult run(
            Path dataDir, NabSettings settings, Path resultsDir, ProgressOut progress) {
        long start = System.nanoTime();
        List<NabSeries> corpus = slice(NabCorpus.load(dataDir.resolve("nab")), settings);
        Progress files = progress.of("files", corpus.size());
        List<double[]> scores = new ArrayList<>();
        double alert = Double.NaN;
        try (RetrainRunner runner = new RetrainRunner()) {
            NabDetector detector = new NabDetector(settings, runner);
            for (NabSeries s : corpus) {
                NabScores out = detector.scores(s, detector.train(s));
                if (!Double.isNaN(alert) && out.alertThreshold() != alert) {
                    throw new IllegalStateException(
                            s.name()
                                    + ": alert threshold "
                                    + out.alertThreshold()
                                    + " != "
                                    + alert);
                }
                alert = out.alertThreshold();
                scores.add(out.anomalyScores());
                files.done(scores.size());
            }
        } finally {
            files.finish();
        }
        List<Path> written = new ArrayList<>();
        if (resultsDir != null) {
            for (int f = 0; f < corpus.size(); f++) {
                written.add(
                        NabResultsWriter.write(resultsDir, DETECTOR, corpus.get(f), scores.get(f)));
            }
        }
        List<FileSweep> sweeps = corpus.stream().map(FileSweep::of).toList();
        List<NabResult> protocol = new ArrayList<>();
        List<NabResult> deployable = new ArrayList<>();
        for (NabProfile p : NabProfile.ALL) {
            protocol.add(NabBenchmark.optimized(sweeps, scores, p));
            deployable.add(NabBenchmark.score(sweeps, scores, alert, p));
        }
        List<PublishedScores> published =
                PublishedScores.read(
                        dataDir.resolve("nab").resolve("results").resolve("final_results.json"));
        return new NabSuiteResult(
                corpus.size(),
                protocol,
                deployable,
                published,
                written,
                (System.nanoTime() - start) / 1e9);
    }

    private static List<NabSeries> slice(List<NabSeries> corpus, NabSettings settings) {
        if (settings.maxFiles() >= corpus.size()) {
            return corpus;
        }
        // A slice is only informative with anomaly windows in it (the corpus starts with
        // artificialNoAnomaly, whose files have none).
        return corpus.stream()
                .filter(s -> !s.windows().isEmpty())
                .limit(settings.maxFiles())
                .toList();
    }

    /** The measured rows, then the published full-corpus rows of NAB's final_results.json. */
    public static String table(NabSuiteResult r) {
        Table t =
                new Table(
                        "detector",
                        "corpus",
                        "standard",
                        "reward_low_FP_rate",
                        "reward_low_FN_rate",
                        "source");
        String corpus = r.files() + " files";
        row(t, "keyed-rnn, NAB protocol: threshold optimised on the labels", corpus, r.protocol());
        row(
                t,
                "keyed-rnn, deployable: configured alert threshold, no label",
                corpus,
                r.deployable());
        for (PublishedScores p : r.published()) {
            t.row(
                    p.detector(),
                    "58 files",
                    Table.fixed(p.standard(), 2),
                    Table.fixed(p.lowFp(), 2),
                    Table.fixed(p.lowFn(), 2),
                    "published (NAB final_results.json)");
        }
        return t.render();
    }

    /** One line per measured result: its threshold and counts. */
    public static String details(NabSuiteResult r) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < NabProfile.ALL.size(); k++) {
            detail(sb, "protocol  ", r.protocol().get(k));
            detail(sb, "deployable", r.deployable().get(k));
        }
        return sb.toString();
    }

    private static void row(Table t, String name, String corpus, List<NabResult> res) {
        t.row(
                name,
                corpus,
                Table.fixed(res.get(0).normalized(), 2),
                Table.fixed(res.get(1).normalized(), 2),
                Table.fixed(res.get(2).normalized(), 2),
                "measured");
    }

    private static void detail(StringBuilder sb, String row, NabResult r) {
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-18s %s: anomaly_score >= %s, %d of %d windows, %d FP rows, raw %.4f,"
                                + " score %.2f%n",
                        r.profile().name(),
                        row,
                        Double.toString(r.threshold()),
                        r.detected(),
                        r.windows(),
                        r.falsePositives(),
                        r.raw(),
                        r.normalized()));
    }
}
