package io.keyedrnn.serve;

import static io.keyedrnn.serve.ServeFixtures.event;
import static io.keyedrnn.serve.ServeFixtures.features;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.score.LogLikelihood;
import io.keyedrnn.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert rules of the numeric scorer, each switched on alone. */
class AlertRulesTest {
    private static final float[] OUTLIER = {500f, -500f, 500f};
    private final Model model = ServeFixtures.numeric(CellKind.LSTM, 5, 1, 3, 1);

    private static ScoringConfig config(String... keyValues) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("warmup.events", "5");
        m.put("min.key.errors", "2");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return ScoringConfig.fromMap(m);
    }

    /** Streams n ordinary events of key k, returning the state. */
    private static KeyState normal(ModelServable servable, int n) {
        KeyState s = servable.newState();
        float[][] xs = features(n, 7);
        for (int t = 0; t < n; t++) {
            servable.process(event("k", t, xs[t]), s);
        }
        return s;
    }

    @Test
    void defaultsAreAllOff() {
        assertEquals(AlertRules.NONE, ScoringConfig.DEFAULTS.alerts());
        assertEquals(
                new AlertRules(true, true, false, 0.05, 30, true, 20.0),
                AlertRules.from(
                        Settings.of(
                                Map.of(
                                        "likelihood.log.scale", "true",
                                        "likelihood.history", "averages",
                                        "learn.from.alerts", "false",
                                        "range.margin", "0.05",
                                        "alert.quiet.events", "30",
                                        "swap.keep.statistics", "true",
                                        "likelihood.cap", "20"))));
    }

    @Test
    void quietPeriodHoldsRepeatAlertsAndTheirScores() {
        ModelServable servable = new ModelServable(model, config("alert.quiet.events", "3"));
        KeyState s = normal(servable, 40);
        assertTrue(servable.process(event("k", 100, OUTLIER), s).anomaly);
        for (int t = 0; t < 3; t++) {
            Prediction p = servable.process(event("k", 101 + t, OUTLIER), s);
            assertFalse(p.anomaly, "event " + t + " of the quiet period");
            assertTrue(p.quiet);
            assertEquals(0.0, p.score);
            assertTrue(p.z > 4, "z is still reported: " + p.z);
        }
        Prediction after = servable.process(event("k", 104, new float[] {-900f, 900f, -900f}), s);
        assertFalse(after.quiet);
        assertTrue(after.anomaly, "alerts again after the quiet period, z " + after.z);
    }

    @Test
    void withoutQuietPeriodEveryOutlierAlerts() {
        ModelServable servable = new ModelServable(model, config());
        KeyState s = normal(servable, 40);
        assertTrue(servable.process(event("k", 100, OUTLIER), s).anomaly);
        assertTrue(servable.process(event("k", 101, new float[] {-900f, 900f, -900f}), s).anomaly);
    }

    @Test
    void alertingEventsStayOutOfTheStatisticsWhenAsked() {
        ModelServable learning = new ModelServable(model, config());
        ModelServable strict = new ModelServable(model, config("learn.from.alerts", "false"));
        KeyState a = normal(learning, 40);
        KeyState b = normal(strict, 40);
        long before = a.errorStats.count;
        long strictBefore = b.errorStats.count;
        learning.process(event("k", 100, OUTLIER), a);
        Prediction p = strict.process(event("k", 100, OUTLIER), b);
        assertTrue(p.anomaly);
        assertEquals(before + 1, a.errorStats.count);
        assertEquals(strictBefore, b.errorStats.count);
    }

    @Test
    void valueBeyondTheRangeAlertsWithTheHighestScore() {
        ScoringConfig cfg =
                config(
                        "range.margin", "0.05",
                        "likelihood.short.window", "3",
                        "likelihood.long.window", "100",
                        "likelihood.threshold", "0.999999");
        ModelServable servable = new ModelServable(model, cfg);
        KeyState s = normal(servable, 40);
        float[] above = s.rangeMax.clone();
        above[0] += 0.1f * (s.rangeMax[0] - s.rangeMin[0]);
        Prediction p = servable.process(event("k", 100, above), s);
        assertTrue(p.anomaly);
        assertEquals(1.0, p.score);
        assertEquals(above[0], s.rangeMax[0], "the range widens to include it");
        float[] inside = s.rangeMin.clone();
        inside[0] = (s.rangeMin[0] + s.rangeMax[0]) / 2;
        assertTrue(servable.process(event("k", 101, inside), s).score < 1.0);
    }

    @Test
    void rangeIsKeptOnlyWhenTheRuleIsOn() {
        KeyState s = normal(new ModelServable(model, config()), 10);
        assertEquals(0, s.rangeMin.length);
    }

    @Test
    void logScaleReportsNabsTransformOfTheLikelihood() {
        ScoringConfig cfg =
                config(
                        "likelihood.short.window", "4",
                        "likelihood.long.window", "50",
                        "likelihood.log.scale", "true");
        ModelServable servable = new ModelServable(model, cfg);
        KeyState s = normal(servable, 30);
        Prediction p = servable.process(event("k", 100, OUTLIER), s);
        assertEquals(LogLikelihood.ofTail(1 - p.likelihood), p.score, 1e-6);
        assertTrue(p.score > 0.5 && p.score <= 1, "score " + p.score);
    }

    @Test
    void historyOfAveragesLearnsTheShortWindowMean() {
        ScoringConfig cfg =
                config(
                        "likelihood.short.window", "4",
                        "likelihood.long.window", "1000",
                        "likelihood.history", "averages");
        ModelServable servable = new ModelServable(model, cfg);
        KeyState s = servable.newState();
        float[][] xs = features(12, 3);
        double sumOfMeans = 0;
        for (int t = 0; t < xs.length; t++) {
            Prediction p = servable.process(event("k", t, xs[t]), s);
            if (p.scored) {
                sumOfMeans += s.likelihood.shortMean();
            }
        }
        assertEquals(11, s.likelihood.longCount);
        assertEquals(sumOfMeans / 11, s.likelihood.longMean, 1e-9);
    }

    @Test
    void swapKeepsTheStatisticsWhenAsked() {
        Model v2 = ServeFixtures.numeric(CellKind.LSTM, 5, 1, 4, 2);
        for (boolean keep : new boolean[] {false, true}) {
            ScoringConfig cfg =
                    config(
                            "swap.keep.statistics",
                            Boolean.toString(keep),
                            "likelihood.short.window",
                            "4");
            KeyState s = normal(new ModelServable(model, cfg), 30);
            long errors = s.errorStats.count;
            long history = s.likelihood.longCount;
            new ModelServable(v2, cfg).process(event("k", 100, features(1, 9)[0]), s);
            assertEquals(keep ? errors + 1 : 1, s.errorStats.count, "keep " + keep);
            assertEquals(keep ? history + 1 : 1, s.likelihood.longCount, "keep " + keep);
        }
    }

    @Test
    void capKeepsOneHugeErrorFromWideningTheLikelihoodsSpread() {
        String[] likelihood = {"likelihood.short.window", "1", "likelihood.long.window", "1000"};
        ModelServable plain = new ModelServable(model, config(likelihood));
        String[] withCap = java.util.Arrays.copyOf(likelihood, likelihood.length + 2);
        withCap[likelihood.length] = "likelihood.cap";
        withCap[likelihood.length + 1] = "20";
        ModelServable capped = new ModelServable(model, config(withCap));
        KeyState a = normal(plain, 40);
        KeyState b = normal(capped, 40);
        Prediction p = capped.process(event("k", 100, OUTLIER), b);
        plain.process(event("k", 100, OUTLIER), a);
        assertTrue(p.z > 20, "z is reported as it is: " + p.z);
        assertEquals(20.0, b.likelihood.shortMean(), 1e-9);
        assertEquals(p.z, a.likelihood.shortMean(), 1e-3 * p.z);
        assertTrue(
                b.likelihood.longVar * 10 < a.likelihood.longVar,
                "spread " + b.likelihood.longVar + " against " + a.likelihood.longVar);
    }

    @Test
    void capMustBeFinite() {
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class,
                        () -> new AlertRules(false, false, true, null, 0, false, Double.NaN));
        assertTrue(e.getMessage().contains("likelihood.cap"), e.getMessage());
    }
}
