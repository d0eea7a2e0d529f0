package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.calibrate.ModelAssembly;
import io.keyedrnn.jobs.train.calibrate.ValidationLoss;
import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.Workspace;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.ScoringConfig;
import io.keyedrnn.train.TrainConfig;
import io.keyedrnn.train.TrainResult;
import io.keyedrnn.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serving-path validation loss: equal to the trainer's, and comparable across normalisers. */
class ValidationLossTest {
    private static final ScoringConfig SCORING = ScoringConfig.DEFAULTS;

    @Test
    void equalsTheTrainersValidationLossForTheTrainedModel() {
        PreparedData d = CalibratorTest.numeric(CalibratorTest.noise(6, 120, 4));
        TrainConfig c =
                TrainConfig.builder().hidden(8).epochs(3).lr(0.01).batchKeys(4).tbptt(16).build();
        TrainResult r =
                new Trainer(c)
                        .train(
                                d.training(),
                                d.validation(),
                                new io.keyedrnn.train.TrainingListener() {});
        Model m = ModelAssembly.model(r.network(), d, null, 1, null);
        ValidationLoss.Result v = ValidationLoss.of(m, d, SCORING);
        assertNull(v.problem());
        assertEquals(r.bestValidationLoss(), v.loss(), 1e-4 * r.bestValidationLoss());
    }

    @Test
    void equalsTheTrainersGaussianNllForAGaussianHead() {
        PreparedData d = CalibratorTest.numeric(CalibratorTest.noise(6, 120, 4));
        TrainConfig c =
                TrainConfig.builder()
                        .head(HeadKind.GAUSSIAN)
                        .hidden(8)
                        .epochs(3)
                        .lr(0.01)
                        .batchKeys(4)
                        .tbptt(16)
                        .build();
        TrainResult r =
                new Trainer(c)
                        .train(
                                d.training(),
                                d.validation(),
                                new io.keyedrnn.train.TrainingListener() {});
        Model m = ModelAssembly.model(r.network(), d, null, 1, null);
        assertTrue(m.network().isGaussian());
        ValidationLoss.Result v = ValidationLoss.of(m, d, SCORING);
        assertNull(v.problem());
        double want = r.bestValidationLoss();
        assertEquals(want, v.loss(), 1e-4 * Math.abs(want));
        double means = ValidationLoss.of(m, d, SCORING, true).loss();
        assertTrue(means > 0 && Math.abs(means - v.loss()) > 1e-3, "means only: " + means);
    }

    @Test
    void equalsTheTrainersCrossEntropyForTokens() {
        History h = CalibratorTest.tokenHistory(8, 60, 2);
        PreparedData d =
                Preparation.prepare(
                        h,
                        new Preparation.Options(true, 0, true, 0.25, 100, true, List.of()),
                        null,
                        List.of());
        TrainConfig c =
                TrainConfig.builder()
                        .hidden(8)
                        .embedding(4)
                        .vocabulary(d.vocabulary().size())
                        .epochs(2)
                        .batchKeys(3)
                        .build();
        TrainResult r =
                new Trainer(c)
                        .train(
                                d.training(),
                                d.validation(),
                                new io.keyedrnn.train.TrainingListener() {});
        Model m = ModelAssembly.model(r.network(), d, null, 1, null);
        ScoringConfig open = ScoringConfig.fromMap(java.util.Map.of("vocabulary.open", "true"));
        assertEquals(
                r.bestValidationLoss(),
                ValidationLoss.of(m, d, open).loss(),
                1e-4 * r.bestValidationLoss());
    }

    @Test
    void measuresAnotherModelInTheNewModelsUnits() {
        PreparedData d = CalibratorTest.numeric(CalibratorTest.noise(3, 40, 5));
        Normalizer own = new Normalizer(new float[] {1f, -2f}, new float[] {3f, 0.5f});
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 2, 5, 1), 11);
        Model other =
                new Model(
                        net,
                        new ModelMetadata(1, null, null, null, null, null, own, null, 4, null));
        // Independently: step the network directly in its own units, compare in the data's.
        float[] mean = d.normalizer().mean();
        float[] std = d.normalizer().std();
        double sum = 0;
        long count = 0;
        Workspace ws = net.newWorkspace();
        for (PreparedData.PreparedKey k : d.keys()) {
            float[] state = new float[net.stateSize()];
            float[] out = new float[2];
            Event[] ev = k.events();
            for (int t = 0; t < ev.length; t++) {
                float[] x = ev[t].getFeatures();
                if (t >= k.split()) {
                    double s = 0;
                    for (int f = 0; f < 2; f++) {
                        double forecast = out[f] * own.std()[f] + own.mean()[f];
                        double diff = (forecast - mean[f]) / std[f] - (x[f] - mean[f]) / std[f];
                        s += diff * diff;
                    }
                    sum += s / 2;
                    count++;
                }
                float[] in = new float[2];
                own.normalize(x, in);
                net.step(in, state, out, ws);
            }
        }
        assertEquals(60, count);
        double expected = sum / count;
        assertEquals(expected, ValidationLoss.of(other, d, SCORING).loss(), 1e-5 * expected);
    }

    @Test
    void aModelThatCannotReadTheDataLoses() {
        PreparedData d = CalibratorTest.numeric(CalibratorTest.noise(2, 20, 6));
        Model wide =
                new Model(
                        NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 4, 1), 1),
                        ModelMetadata.empty());
        ValidationLoss.Result r = ValidationLoss.of(wide, d, SCORING);
        assertEquals(Double.POSITIVE_INFINITY, r.loss());
        assertTrue(r.problem().contains("3 features"), r.problem());
    }
}
