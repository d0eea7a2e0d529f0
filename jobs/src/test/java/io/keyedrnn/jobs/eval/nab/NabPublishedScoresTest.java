package io.keyedrnn.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyedrnn.jobs.eval.EvalData;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scorer against NAB's own published output (the oracle): from the per-row anomaly scores of
 * numenta and ARTime in data/nab/results, at the thresholds in config/thresholds.json, every
 * per-file score and count of their {@code *_scores.csv}, the raw totals of thresholds.json and the
 * normalised scores of final_results.json.
 */
class NabPublishedScoresTest {
    private static final double EPS = 1e-6;
    private static final Path NAB = EvalData.dir().resolve("nab");
    private static final List<NabSeries> CORPUS = NabCorpus.load(NAB);
    private static final List<FileSweep> SWEEPS = CORPUS.stream().map(FileSweep::of).toList();
    private static final Map<String, List<double[]>> SCORES = new ConcurrentHashMap<>();

    private static List<double[]> scores(String detector) {
        return SCORES.computeIfAbsent(
                detector, d -> NabResultsDir.read(NAB.resolve("results"), d, CORPUS));
    }

    private static NabProfile profile(String name) {
        return NabProfile.ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void profilesMatchNabsProfilesJson() {
        JsonNode json = PublishedNab.json(NAB.resolve("config/profiles.json"));
        assertEquals(3, json.size());
        for (NabProfile p : NabProfile.ALL) {
            JsonNode m = json.path(p.name()).path("CostMatrix");
            assertEquals(m.path("tpWeight").asDouble(), p.tpWeight(), 0.0, p.name());
            assertEquals(m.path("fpWeight").asDouble(), p.fpWeight(), 0.0, p.name());
            assertEquals(m.path("fnWeight").asDouble(), p.fnWeight(), 0.0, p.name());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "numenta, standard",
        "numenta, reward_low_FN_rate",
        "numenta, reward_low_FP_rate",
        "ARTime, standard",
        "ARTime, reward_low_FN_rate",
        "ARTime, reward_low_FP_rate"
    })
    void reproducesEveryPublishedFileScoreAndTheTotals(String detector, String profileName) {
        NabProfile profile = profile(profileName);
        JsonNode published = PublishedNab.threshold(NAB, detector, profileName);
        double threshold = published.path("threshold").asDouble();
        Map<String, PublishedNab.FileRow> rows =
                PublishedNab.fileScores(NAB, detector, profileName);
        assertEquals(CORPUS.size() + 1, rows.size(), "58 files and a Totals row");
        List<double[]> scores = scores(detector);
        for (int f = 0; f < CORPUS.size(); f++) {
            String name = CORPUS.get(f).name();
            PublishedNab.FileRow want = rows.get(name);
            FileScore got = NabFileScorer.score(SWEEPS.get(f), scores.get(f), threshold, profile);
            assertEquals(want.score(), got.score(), EPS, name);
            assertEquals(want.tp(), got.truePositives(), name + " TP");
            assertEquals(want.tn(), got.trueNegatives(), name + " TN");
            assertEquals(want.fp(), got.falsePositives(), name + " FP");
            assertEquals(want.fn(), got.falseNegatives(), name + " FN");
        }
        NabResult total = NabBenchmark.score(SWEEPS, scores, threshold, profile);
        assertEquals(rows.get("Totals").score(), total.raw(), EPS);
        assertEquals(published.path("score").asDouble(), total.raw(), EPS);
        double normalized =
                PublishedNab.json(NAB.resolve("results/final_results.json"))
                        .path(detector)
                        .path(profileName)
                        .asDouble();
        assertEquals(normalized, total.normalized(), EPS);
        assertEquals(116, total.windows());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "numenta, standard",
        "numenta, reward_low_FN_rate",
        "numenta, reward_low_FP_rate",
        "ARTime, standard",
        "ARTime, reward_low_FN_rate",
        "ARTime, reward_low_FP_rate"
    })
    void optimiserFindsAtLeastThePublishedScore(String detector, String profileName) {
        NabProfile profile = profile(profileName);
        double publishedRaw =
                PublishedNab.threshold(NAB, detector, profileName).path("score").asDouble();
        List<double[]> scores = scores(detector);
        ThresholdOptimizer.Optimum best = ThresholdOptimizer.optimize(SWEEPS, scores, profile);
        assertTrue(best.raw() >= publishedRaw - 1e-9, best + " < " + publishedRaw);
        // The optimum is what scoring at its threshold gives.
        NabResult at = NabBenchmark.score(SWEEPS, scores, best.threshold(), profile);
        assertEquals(best.raw(), at.raw(), 1e-9);
    }
}
