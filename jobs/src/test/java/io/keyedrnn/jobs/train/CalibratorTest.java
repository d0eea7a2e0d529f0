package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.calibrate.Calibrator;
import io.keyedrnn.jobs.train.calibrate.ModelAssembly;
import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.history.SkipCounts;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.prepare.ServingPass;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The calibrated threshold flags about the requested share of events, also on fresh data. */
class CalibratorTest {
    private static final ScoringConfig SCORING = ScoringConfig.DEFAULTS;

    /** Keys of a noisy AR(1) process with a key-specific level. */
    static History noise(int keys, int steps, long seed) {
        Random r = new Random(seed);
        List<KeyHistory> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            float[][] rows = new float[steps][];
            long[] ts = new long[steps];
            double a = 0;
            double b = 0;
            for (int t = 0; t < steps; t++) {
                a = 0.8 * a + r.nextGaussian();
                b = 0.5 * b + r.nextGaussian() * 2;
                rows[t] = new float[] {(float) (a + k), (float) b};
                ts[t] = t;
            }
            out.add(new KeyHistory("k" + k, ts, rows, null));
        }
        return new History(out, new SkipCounts(), "noise");
    }

    static PreparedData numeric(History h) {
        return Preparation.prepare(
                h,
                new Preparation.Options(false, 0, true, 0.5, 100, true, List.of()),
                null,
                List.of());
    }

    static Model randomModel(NetworkSpec spec, PreparedData d) {
        return ModelAssembly.model(NetworkFactory.random(spec, 7), d, null, 1, null);
    }

    /** Share of scored validation events past warm-up that the model flags. */
    static double flaggedShare(Model m, PreparedData d, ScoringConfig c) {
        long[] n = new long[2];
        ServingPass.run(
                m,
                c,
                d.keys(),
                (PreparedData.PreparedKey k, int t, Event e, Prediction p, float[] prev) -> {
                    if (p.scored && !p.warmup) {
                        n[0]++;
                        n[1] += p.anomaly ? 1 : 0;
                    }
                });
        return (double) n[1] / n[0];
    }

    @Test
    void numericThresholdGivesTheRequestedFalseAlarmRate() {
        PreparedData train = numeric(noise(20, 400, 1));
        Model model = randomModel(NetworkSpec.numeric(CellKind.LSTM, 2, 8, 1), train);
        Calibrator.Result r = Calibrator.calibrate(model, train, SCORING, 0.05);
        assertEquals("gaussian_error", r.calibration().scorer());
        assertNotNull(r.calibration().threshold());
        assertNull(r.calibration().topG());
        assertEquals(4000, r.scored());
        assertEquals(0.05, r.achievedRate(), 0.01);
        // Fresh data from the same process, as the live stream would be.
        Model calibrated = Calibrator.with(model, r.calibration());
        double fresh = flaggedShare(calibrated, numeric(noise(20, 400, 99)), SCORING);
        assertEquals(0.05, fresh, 0.02, "flagged share on fresh data");
    }

    @Test
    void errorMeanAndStdAreThoseOfTheValidationErrors() {
        PreparedData d = numeric(noise(5, 100, 3));
        Model model = randomModel(NetworkSpec.numeric(CellKind.GRU, 2, 4, 1), d);
        List<Double> errors = new ArrayList<>();
        ServingPass.run(
                model,
                SCORING,
                d.keys(),
                (PreparedData.PreparedKey k, int t, Event e, Prediction p, float[] prev) ->
                        errors.add(p.error));
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var =
                errors.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / errors.size();
        Calibrator.Result r = Calibrator.calibrate(model, d, SCORING, 0.1);
        assertEquals(250, errors.size());
        assertEquals(mean, r.calibration().errorMean(), 1e-12 * mean);
        assertEquals(Math.sqrt(var), r.calibration().errorStd(), 1e-9 * Math.sqrt(var));
    }

    @Test
    void tokenTopGFlagsAtMostAboutTheRate() {
        History h = tokenHistory(30, 200, 5);
        Preparation.Options o = new Preparation.Options(true, 0, true, 0.5, 100, true, List.of());
        PreparedData d = Preparation.prepare(h, o, null, List.of());
        int vocab = d.vocabulary().size();
        Model model = randomModel(NetworkSpec.categorical(CellKind.LSTM, vocab, 4, 8, 1), d);
        ScoringConfig open = ScoringConfig.fromMap(java.util.Map.of("vocabulary.open", "true"));
        Calibrator.Result r = Calibrator.calibrate(model, d, open, 0.1);
        assertEquals("token_rank", r.calibration().scorer());
        int g = r.calibration().topG();
        assertTrue(g >= 1 && g <= vocab, "top_g " + g);
        assertTrue(r.achievedRate() <= 0.1 + 1e-12, "achieved " + r.achievedRate());
        assertTrue(r.achievedRate() > 0.03, "achieved " + r.achievedRate());
        PreparedData fresh = Preparation.prepare(tokenHistory(30, 200, 6), o, model, List.of());
        double share = flaggedShare(Calibrator.with(model, r.calibration()), fresh, open);
        assertEquals(0.1, share, 0.04, "flagged share on fresh tokens");
    }

    /** Uniformly random tokens from 12 symbols. */
    static History tokenHistory(int keys, int steps, long seed) {
        Random r = new Random(seed);
        List<KeyHistory> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String[] tokens = new String[steps];
            for (int t = 0; t < steps; t++) {
                tokens[t] = "T" + r.nextInt(12);
            }
            out.add(new KeyHistory("s" + k, new long[steps], null, tokens));
        }
        return new History(out, new SkipCounts(), "tokens");
    }

    @Test
    void quantileAndTopGRules() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i;
        }
        assertEquals(95, Calibrator.quantile(v, 0.95));
        assertEquals(1, Calibrator.quantile(v, 0.0));
        assertEquals(100, Calibrator.quantile(v, 1.0));
        double[] ranks = new double[100];
        for (int i = 90; i < 95; i++) {
            ranks[i] = 1;
        }
        ranks[95] = 2;
        ranks[96] = 2;
        ranks[97] = 2;
        ranks[98] = 5;
        ranks[99] = 5;
        // Rank ≥ 2 holds for 5 of 100 ranks: g = 2 flags exactly the 5% asked for.
        assertEquals(2, Calibrator.topG(ranks, 0.05, 10));
        assertEquals(3, Calibrator.topG(ranks, 0.02, 10));
        assertEquals(1, Calibrator.topG(ranks, 0.5, 10));
        assertEquals(4, Calibrator.topG(new double[] {9, 9, 9}, 0.01, 4));
    }
}
