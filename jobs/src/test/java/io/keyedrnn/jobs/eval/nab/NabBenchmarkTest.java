package io.keyedrnn.jobs.eval.nab;

import static io.keyedrnn.jobs.eval.nab.NabFixtures.at;
import static io.keyedrnn.jobs.eval.nab.NabFixtures.series;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.jobs.eval.EvalData;
import io.keyedrnn.jobs.eval.data.NabCorpus;
import io.keyedrnn.jobs.eval.data.NabSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabBenchmarkTest {
    private static final List<NabSeries> TWO_FILES =
            List.of(
                    series("a", 100, new int[] {40, 49}),
                    series("b", 100, new int[] {30, 39}, new int[] {60, 69}));

    @Test
    void perfectIs100AndNullIs0UnderEveryProfile() {
        for (NabProfile p : NabProfile.ALL) {
            NabResult perfect =
                    NabBenchmark.score(TWO_FILES, List.of(at(100, 40), at(100, 30, 60)), p);
            NabResult none = NabBenchmark.score(TWO_FILES, List.of(at(100), at(100)), p);
            assertEquals(100.0, perfect.normalized(), 1e-9, p.name());
            assertEquals(0.0, none.normalized(), 1e-9, p.name());
        }
    }

    @Test
    void oneOfThreeWindowsAtItsStartIsAThird() {
        // standard: raw = +1 - 2 = -1, null = -3, perfect = 3 -> 100·2/6.
        // low FN:   raw = +1 - 4 = -3, null = -6, perfect = 3 -> 100·3/9.
        for (NabProfile p : List.of(NabProfile.STANDARD, NabProfile.REWARD_LOW_FN)) {
            NabResult r = NabBenchmark.score(TWO_FILES, List.of(at(100, 40), at(100)), p);
            assertEquals(100.0 / 3, r.normalized(), 1e-9, p.name());
            assertEquals(3, r.windows());
            assertEquals(1, r.detected());
        }
    }

    @Test
    void falsePositivesCanPushBelowNull() {
        // standard: raw = -3 - 0.11 (row 20 of file a precedes its window) -> 100·(-0.11)/6.
        NabResult r =
                NabBenchmark.score(TWO_FILES, List.of(at(100, 20), at(100)), NabProfile.STANDARD);
        assertEquals(-100 * 0.11 / 6, r.normalized(), 1e-9);
        assertEquals(1, r.falsePositives());
    }

    @Test
    void rowsAtOrAboveTheThresholdAreDetections() {
        // File a: row 45 (in the window) scores exactly the threshold, row 20 just below it.
        double[] scores = new double[100];
        scores[45] = 0.5;
        scores[20] = Math.nextDown(0.5);
        List<FileSweep> a = List.of(FileSweep.of(TWO_FILES.get(0)));
        NabResult r = NabBenchmark.score(a, List.of(scores), 0.5, NabProfile.STANDARD);
        assertEquals(1, r.detected());
        assertEquals(0, r.falsePositives());
        assertEquals(0.5, r.threshold());
        r = NabBenchmark.score(a, List.of(scores), Math.nextDown(0.5), NabProfile.STANDARD);
        assertEquals(1, r.falsePositives());
    }

    @Test
    void perfectDetectorOnTheCorpusScores100() {
        // Every window of the 58 files resolves to rows and lies after its file's probation:
        // firing at each window's first row must then normalise to exactly 100.
        List<NabSeries> corpus = NabCorpus.load(EvalData.dir().resolve("nab"));
        List<boolean[]> perfect = new ArrayList<>();
        List<boolean[]> none = new ArrayList<>();
        for (NabSeries s : corpus) {
            int[] window = FileSweep.of(s).window();
            boolean[] first = new boolean[s.size()];
            for (int i = 0; i < first.length; i++) {
                first[i] = window[i] >= 0 && (i == 0 || window[i - 1] != window[i]);
            }
            perfect.add(first);
            none.add(new boolean[s.size()]);
        }
        for (NabProfile p : NabProfile.ALL) {
            NabResult r = NabBenchmark.score(corpus, perfect, p);
            assertEquals(116, r.windows());
            assertEquals(100.0, r.normalized(), 1e-9, p.name());
            assertEquals(0.0, NabBenchmark.score(corpus, none, p).normalized(), 1e-9);
        }
    }
}
