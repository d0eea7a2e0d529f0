package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.jobs.eval.RetrainRunner;
import io.keyedrnn.jobs.eval.Table;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import io.keyedrnn.model.io.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The nab suite: keyed-rnn run as a detector over the NAB files present (a subset of the corpus),
 * one key per file in time order, scored with NAB's three application profiles.
 */
public final class NabSuite {
    private NabSuite() {}

    public static NabSuiteResult run(Path dataDir, NabSettings settings) {
        long start = System.nanoTime();
        List<NabSeries> corpus = NabCorpus.load(dataDir.resolve("nab"));
        if (settings.maxFiles() < corpus.size()) {
            // A slice is only informative with anomaly windows in it (the corpus starts with
            // artificialNoAnomaly, whose files have none).
            corpus =
                    corpus.stream()
                            .filter(s -> !s.windows().isEmpty())
                            .limit(settings.maxFiles())
                            .toList();
        }
        Map<NabRule, List<boolean[]>> detections = new EnumMap<>(NabRule.class);
        try (RetrainRunner runner = new RetrainRunner()) {
            NabDetector detector = new NabDetector(settings, runner);
            for (NabSeries s : corpus) {
                Model model = detector.train(s);
                for (NabRule rule : NabRule.values()) {
                    detections
                            .computeIfAbsent(rule, r -> new ArrayList<>())
                            .add(detector.detect(s, model, rule));
                }
            }
        }
        Map<NabRule, List<NabResult>> results = new EnumMap<>(NabRule.class);
        for (NabRule rule : NabRule.values()) {
            List<NabResult> perProfile = new ArrayList<>();
            for (NabProfile p : NabProfile.ALL) {
                perProfile.add(NabBenchmark.score(corpus, detections.get(rule), p));
            }
            results.put(rule, perProfile);
        }
        List<PublishedScores> published =
                PublishedScores.read(
                        dataDir.resolve("nab").resolve("results").resolve("final_results.json"));
        return new NabSuiteResult(
                corpus.size(), results, published, (System.nanoTime() - start) / 1e9);
    }

    /** Measured scores on the subset, then published full-corpus scores from the data README. */
    public static String table(NabSuiteResult r) {
        Table t =
                new Table(
                        "detector",
                        "corpus",
                        "standard",
                        "reward_low_FP_rate",
                        "reward_low_FN_rate",
                        "source");
        for (Map.Entry<NabRule, List<NabResult>> e : r.results().entrySet()) {
            List<NabResult> res = e.getValue();
            NabResult std = res.get(0);
            t.row(
                    "keyed-rnn LSTM, "
                            + e.getKey().description()
                            + " ("
                            + std.detected()
                            + " of "
                            + std.windows()
                            + " windows, "
                            + std.falsePositives()
                            + " FP)",
                    "subset: " + r.files() + " files",
                    Table.fixed(res.get(0).normalized(), 2),
                    Table.fixed(res.get(1).normalized(), 2),
                    Table.fixed(res.get(2).normalized(), 2),
                    "measured");
        }
        for (PublishedScores p : r.published()) {
            t.row(
                    p.detector(),
                    "full: 58 files",
                    Table.fixed(p.standard(), 2),
                    Table.fixed(p.lowFp(), 2),
                    Table.fixed(p.lowFn(), 2),
                    "published (NAB final_results.json)");
        }
        return t.render();
    }
}
