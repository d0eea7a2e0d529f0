package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head setting selects a Gaussian head for numeric data and is refused for tokens. */
class GaussianHeadTrainingTest {

    @Test
    void settingTrainsAGaussianHeadThatLearnsTheNoiseLevel() {
        TrainConfig c =
                TrainingSettings.builder(Settings.of(Map.of("head", "gaussian")))
                        .hidden(4)
                        .epochs(30)
                        .lr(0.02)
                        .build();
        assertEquals(HeadKind.GAUSSIAN, c.head());
        List<Sequence> seqs =
                TrainData.random(NetworkSpec.numeric(CellKind.GRU, 2, 4, 1), 4, 30, 40, 9);
        TrainResult r = new Trainer(c).train(seqs);
        RecurrentNetwork net = r.parameters().toNetwork();
        assertTrue(net.isGaussian());
        assertEquals(4, net.outputSize());
        double[] losses = r.losses();
        assertTrue(
                losses[losses.length - 1] < losses[0],
                "the NLL went down: " + losses[0] + " -> " + losses[losses.length - 1]);
    }

    @Test
    void tokensAreRefused() {
        TrainConfig c = TrainConfig.builder().head(HeadKind.GAUSSIAN).epochs(1).build();
        List<Sequence> seqs = List.of(Sequence.tokens("k", new int[] {0, 1, 2, 1}));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Trainer(c).train(seqs));
        assertEquals(
                "head gaussian predicts numeric features; token input has a softmax head",
                e.getMessage());
    }

    @Test
    void unknownHeadIsRefusedNamingTheChoices() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HeadKind.fromId("poisson"));
        assertEquals("unknown head 'poisson'; use linear or gaussian", e.getMessage());
    }
}
