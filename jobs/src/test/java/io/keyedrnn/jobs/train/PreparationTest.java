package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.train.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Split, normaliser fitting, vocabulary and the data that is left out. */
class PreparationTest {
    static Preparation.Options numeric(double fraction) {
        return new Preparation.Options(false, 0, true, fraction, 100, true, List.of());
    }

    static KeyHistory key(String name, float[]... rows) {
        long[] ts = new long[rows.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1000L * i;
        }
        return new KeyHistory(name, ts, rows, null);
    }

    static KeyHistory tokens(String name, String... tokens) {
        return new KeyHistory(name, new long[tokens.length], null, tokens);
    }

    static History history(KeyHistory... keys) {
        return new History(List.of(keys), new SkipCounts(), "test");
    }

    static float[][] ramp(int n, float slope, float offset) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[] {offset + slope * i, (i % 3) - 1f};
        }
        return rows;
    }

    @Test
    void splitKeepsTheLastFractionForValidationAndTwoForTraining() {
        assertEquals(8, Preparation.split(10, 0.2));
        assertEquals(4, Preparation.split(5, 0.2));
        assertEquals(3, Preparation.split(3, 0.2));
        assertEquals(2, Preparation.split(2, 0.5));
        assertEquals(2, Preparation.split(4, 0.9));
        assertEquals(70, Preparation.split(100, 0.3));
    }

    @Test
    void normaliserIsFittedOnTrainingPartsOnly() {
        KeyHistory a = key("a", ramp(10, 1, 0));
        KeyHistory b = key("b", ramp(5, 2, 100));
        PreparedData d = Preparation.prepare(history(a, b), numeric(0.2), null, List.of());
        // Training parts: a rows 0..7, b rows 0..3; validation rows (much larger in b) excluded.
        List<float[]> train = new ArrayList<>(Arrays.asList(a.rows()).subList(0, 8));
        train.addAll(Arrays.asList(b.rows()).subList(0, 4));
        for (int f = 0; f < 2; f++) {
            final int col = f;
            double mean = train.stream().mapToDouble(r -> r[col]).average().orElseThrow();
            double var =
                    train.stream().mapToDouble(r -> (r[col] - mean) * (r[col] - mean)).sum()
                            / train.size();
            assertEquals(mean, d.normalizer().mean()[f], 1e-5 * Math.max(1, Math.abs(mean)));
            assertEquals(Math.sqrt(var), d.normalizer().std()[f], 1e-5 * Math.sqrt(var));
        }
        assertEquals(2, d.training().size());
        assertEquals(8, d.training().get(0).length());
        Sequence va = d.validation().get(0);
        assertEquals(10, va.length());
        assertEquals(8, va.lossFrom());
        float[] expected = new float[2];
        d.normalizer().normalize(a.rows()[9], expected);
        assertArrayEquals(expected, va.rows()[9]);
        assertEquals(12, d.trainingEvents());
        assertEquals(3, d.validationEvents());
        assertEquals(8, d.keys().get(0).split());
        assertArrayEquals(a.rows()[9], d.keys().get(0).events()[9].getFeatures());
    }

    @Test
    void constantFeatureGetsUnitStd() {
        float[][] rows = new float[6][];
        for (int i = 0; i < 6; i++) {
            rows[i] = new float[] {5f, i};
        }
        Normalizer n =
                Preparation.prepare(history(key("a", rows)), numeric(0.2), null, List.of())
                        .normalizer();
        assertEquals(5f, n.mean()[0]);
        assertEquals(1f, n.std()[0]);
    }

    @Test
    void shortKeysAndOtherWidthsAreSkippedWithCounts() {
        float[][] mixed = ramp(6, 1, 0);
        mixed[2] = new float[] {1f, 2f, 3f};
        History h =
                history(
                        key("lonely", new float[] {1f, 2f}),
                        key("mixed", mixed),
                        key("ok", ramp(10, 1, 0)),
                        key("wide", new float[] {1f, 2f, 3f}));
        h.skipped().events("invalid_json", 2, "x.jsonl:3: invalid JSON");
        PreparedData d = Preparation.prepare(h, numeric(0.2), null, List.of());
        assertEquals(
                List.of("mixed", "ok"),
                d.keys().stream().map(PreparedData.PreparedKey::key).toList());
        assertEquals(5, d.keys().get(0).events().length);
        Map<String, Long> events = d.skipped().events();
        assertEquals(2L, events.get("invalid_json"));
        assertEquals(2L, events.get("wrong_feature_count"));
        assertEquals(1L, events.get("single_event_key"));
        assertEquals(Map.of("single_event_key", 1L, "no_usable_events", 1L), d.skipped().keys());
        assertTrue(d.skipped().examples().get("wrong_feature_count").contains("'mixed'"));
    }

    @Test
    void nothingToTrainOnIsAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Preparation.prepare(history(), numeric(0.2), null, List.of()));
        assertTrue(e.getMessage().contains("no events"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Preparation.prepare(
                                        history(key("a", ramp(3, 1, 0))),
                                        numeric(0.2),
                                        null,
                                        List.of()));
        assertTrue(e.getMessage().contains("no validation data"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Preparation.prepare(
                                        history(key("a", ramp(1, 1, 0))),
                                        numeric(0.2),
                                        null,
                                        List.of()));
        assertTrue(e.getMessage().contains("two or more"), e.getMessage());
    }

    @Test
    void noNormalizerWithNormalizeNone() {
        Preparation.Options o =
                new Preparation.Options(false, 0, false, 0.2, 100, true, List.of("x", "y"));
        PreparedData d = Preparation.prepare(history(key("a", ramp(10, 1, 0))), o, null, List.of());
        assertNull(d.normalizer());
        assertArrayEquals(ramp(10, 1, 0)[4], d.training().get(0).rows()[4]);
        assertEquals(List.of("x", "y"), d.featureNames());
    }

    @Test
    void vocabularyFromTrainingPartsWithUnknownToken() {
        // Training parts: a = A A B A, b = A B B; validation: a = Z, b = Z (unseen).
        History h = history(tokens("a", "A", "A", "B", "A", "Z"), tokens("b", "A", "B", "B", "Z"));
        Preparation.Options o = new Preparation.Options(true, 0, true, 0.25, 100, true, List.of());
        PreparedData d = Preparation.prepare(h, o, null, List.of());
        assertEquals(List.of("<unk>", "A", "B"), d.vocabulary());
        assertTrue(d.unknownMapped());
        assertArrayEquals(new int[] {1, 1, 2, 1, 0}, d.validation().get(0).tokens());
        assertEquals(4, d.validation().get(0).lossFrom());
        assertArrayEquals(new int[] {1, 2, 2}, d.training().get(1).tokens());
    }

    @Test
    void skipModeDropsUnknownTokensAndCapsTheVocabulary() {
        // Training parts: a = A A B C A (Z held out), b = B C B A A (B held out).
        History h =
                history(
                        tokens("a", "A", "A", "B", "C", "A", "Z"),
                        tokens("b", "B", "C", "B", "A", "A", "B"));
        Preparation.Options o = new Preparation.Options(true, 0, true, 0.2, 2, false, List.of());
        PreparedData d = Preparation.prepare(h, o, null, List.of());
        assertEquals(List.of("A", "B"), d.vocabulary());
        assertFalse(d.unknownMapped());
        assertEquals(3L, d.skipped().events().get("unknown_token"));
        assertArrayEquals(new int[] {0, 0, 1, 0}, d.training().get(0).tokens());
        assertArrayEquals(new int[] {1, 1, 0, 0}, d.training().get(1).tokens());
        assertEquals(1, d.validation().size());
        assertArrayEquals(new int[] {1, 1, 0, 0, 1}, d.validation().get(0).tokens());
        assertEquals(4, d.validation().get(0).lossFrom());
        assertEquals("B", d.keys().get(1).events()[4].getToken());
    }
}
