package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Noisy sine waves with a per-key frequency and phase; unequal lengths. */
    static List<Sequence> sines(int keys, int features, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            int len = 20 + rnd.nextInt(30);
            double freq = 0.2 + 0.3 * rnd.nextDouble();
            double phase = 6 * rnd.nextDouble();
            float[][] rows = new float[len][features];
            for (int t = 0; t < len; t++) {
                for (int f = 0; f < features; f++) {
                    rows[t][f] =
                            (float) (Math.sin(freq * t + phase + f) + 0.05 * rnd.nextDouble(-1, 1));
                }
            }
            out.add(Sequence.numeric("key-" + k, rows));
        }
        return out;
    }

    private static TrainConfig.Builder base() {
        return TrainConfig.builder()
                .cell(CellKind.LSTM)
                .hidden(12)
                .epochs(3)
                .lr(0.01)
                .batchKeys(4)
                .tbptt(8)
                .seed(7);
    }

    @Test
    void learnsAPredictableStream() {
        TrainResult r = new Trainer(base().epochs(40).build()).train(sines(12, 2, 1));
        double[] losses = r.losses();
        assertTrue(
                losses[losses.length - 1] < 0.25 * losses[0],
                "loss went from " + losses[0] + " to " + losses[losses.length - 1]);
        assertTrue(r.timesteps() > 0 && r.timestepsPerSecond() > 0);
    }

    @Test
    void sameSeedGivesTheSameWeightsAnotherSeedOthers() {
        List<Sequence> data = sines(10, 2, 2);
        float[] a = new Trainer(base().build()).train(data).parameters().values();
        float[] b = new Trainer(base().build()).train(data).parameters().values();
        float[] c = new Trainer(base().seed(8).build()).train(data).parameters().values();
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void twoThreadsDifferOnlyByRounding() {
        List<Sequence> data = sines(12, 3, 3);
        float[] one = new Trainer(base().batchKeys(6).build()).train(data).parameters().values();
        float[] two =
                new Trainer(base().batchKeys(6).threads(2).build())
                        .train(data)
                        .parameters()
                        .values();
        for (int i = 0; i < one.length; i++) {
            assertEquals(one[i], two[i], 1e-4 * Math.abs(one[i]) + 1e-6, "parameter " + i);
        }
    }

    @Test
    void chunkAsLongAsTheLongestKeyEqualsWholeSequences() {
        List<Sequence> data = sines(6, 2, 4);
        int longest = data.stream().mapToInt(Sequence::length).max().getAsInt();
        float[] whole = new Trainer(base().tbptt(0).build()).train(data).parameters().values();
        float[] chunk =
                new Trainer(base().tbptt(longest).build()).train(data).parameters().values();
        assertArrayEquals(whole, chunk, 0f);
    }

    @Test
    void chunksCarryStateAsServingDoes() {
        // With a negligible learning rate the weights stay put, so the first epoch's loss is the
        // initial network's loss; chunks that restarted from zero state would measure another.
        List<Sequence> data = sines(7, 2, 5);
        RecurrentNetwork init =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 2, 10, 2), 11);
        TrainConfig config =
                base().init(init).optimizer(OptimizerKind.SGD).lr(1e-30).tbptt(5).build();
        TrainResult r = new Trainer(config).train(data);
        double expected = ServingLoss.mean(init, data);
        assertEquals(expected, r.losses()[0], 1e-5 * expected);
    }

    @Test
    void validationIsMeasuredFromCarriedStateAndTheBestEpochIsReturned() {
        List<Sequence> all = sines(8, 2, 6);
        List<Sequence> train = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        for (Sequence s : all) {
            int split = s.length() * 3 / 4;
            train.add(Sequence.numeric(s.key(), java.util.Arrays.copyOf(s.rows(), split)));
            validation.add(s.withLossFrom(split));
        }
        TrainResult r =
                new Trainer(base().epochs(6).build())
                        .train(train, validation, new TrainingListener() {});
        assertEquals(6, r.epochs().size());
        double best = r.bestValidationLoss();
        for (EpochStats e : r.epochs()) {
            assertTrue(best <= e.validationLoss());
        }
        double measured = ServingLoss.mean(r.network(), validation);
        assertEquals(measured, best, 1e-5 * measured);
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // Noise on both sides: a large network with a large step overfits the training keys, and
        // the validation loss turns up.
        SplittableRandom rnd = new SplittableRandom(9);
        List<Sequence> train = new ArrayList<>();
        List<Sequence> validation = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            train.add(noise("t" + k, 30, rnd));
            validation.add(noise("v" + k, 30, rnd));
        }
        TrainConfig config = base().hidden(48).lr(0.03).epochs(200).patience(3).build();
        List<EpochStats> seen = new ArrayList<>();
        TrainResult r =
                new Trainer(config)
                        .train(
                                train,
                                validation,
                                new TrainingListener() {
                                    @Override
                                    public void onEpoch(EpochStats s) {
                                        seen.add(s);
                                    }
                                });
        assertTrue(r.stoppedEarly(), "validation loss never turned up in 200 epochs");
        assertEquals(r.bestEpoch() + 3, r.epochs().size());
        assertEquals(seen, r.epochs());
        double measured = ServingLoss.mean(r.network(), validation);
        assertEquals(measured, r.bestValidationLoss(), 1e-5 * measured);
    }

    private static Sequence noise(String key, int len, SplittableRandom rnd) {
        float[][] rows = new float[len][2];
        for (float[] row : rows) {
            row[0] = (float) rnd.nextDouble(-1, 1);
            row[1] = (float) rnd.nextDouble(-1, 1);
        }
        return Sequence.numeric(key, rows);
    }

    @Test
    void divergenceStopsWithAClearError() {
        TrainConfig config =
                base().cell(CellKind.RNN_RELU)
                        .optimizer(OptimizerKind.SGD)
                        .lr(1e8)
                        .epochs(50)
                        .build();
        TrainingDivergedException e =
                assertThrows(
                        TrainingDivergedException.class,
                        () -> new Trainer(config).train(sines(6, 2, 7)));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(e.epoch() >= 1 && e.epoch() <= 50);
    }

    @Test
    void badInputIsNamed() {
        List<Sequence> data = new ArrayList<>(sines(3, 2, 8));
        float[][] rows = data.get(1).rows().clone();
        rows[3] = new float[] {0f, Float.NaN};
        data.set(1, Sequence.numeric("host-9", rows));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Trainer(base().build()).train(data));
        assertTrue(e.getMessage().contains("'host-9' event 3 feature 1 is NaN"), e.getMessage());

        List<Sequence> tokens = List.of(Sequence.tokens("blk", new int[] {0, 1, 9}));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Trainer(base().vocabulary(5).build()).train(tokens));
        assertTrue(e.getMessage().contains("'blk' event 2 has token 9"), e.getMessage());

        RecurrentNetwork headless =
                NetworkFactory.random(new NetworkSpec(CellKind.GRU, 2, 3, 1, 0, 0), 1);
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Trainer(base().init(headless).build()).train(sines(2, 2, 1)));
        assertTrue(e.getMessage().contains("predicts 3 values but takes 2"), e.getMessage());

        List<Sequence> single = List.of(Sequence.numeric("lonely", new float[][] {{1f, 2f}}));
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Trainer(base().build()).train(single));
        assertTrue(e.getMessage().contains("at least two events"), e.getMessage());
    }

    @Test
    void meanLossEqualsTheServingStepsLoss() {
        for (NetworkSpec spec :
                List.of(
                        NetworkSpec.numeric(CellKind.GRU_CHO, 3, 7, 2),
                        NetworkSpec.categorical(CellKind.LSTM, 6, 4, 5, 1))) {
            RecurrentNetwork net = NetworkFactory.random(spec, 5);
            List<Sequence> seqs = new ArrayList<>(TrainData.random(spec, 7, 1, 15, 2));
            seqs.set(0, seqs.get(0).withLossFrom(6));
            double expected = ServingLoss.mean(net, seqs);
            double actual = new Trainer(base().batchKeys(3).tbptt(4).build()).meanLoss(net, seqs);
            assertEquals(expected, actual, 1e-6 * expected, spec.toString());
        }
    }

    @Test
    void chunksTooLargeForTheHeapAreRefusedUpFront() {
        float[][] rows = new float[2_000_000][1];
        List<Sequence> data = List.of(Sequence.numeric("long", rows));
        TrainConfig config = base().hidden(512).tbptt(0).build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Trainer(config).train(data));
        assertTrue(e.getMessage().contains("1 keys × 2000000 steps"), e.getMessage());
    }

    @Test
    void trainsTokenStreamsWithCrossEntropy() {
        int[] pattern = {0, 1, 2, 3, 1, 4};
        List<Sequence> data = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            int[] tokens = new int[30 + k];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = pattern[(t + k) % pattern.length];
            }
            data.add(Sequence.tokens("k" + k, tokens));
        }
        TrainResult r =
                new Trainer(base().vocabulary(5).embedding(4).epochs(30).lr(0.03).build())
                        .train(data);
        assertTrue(r.network().isCategorical());
        double[] losses = r.losses();
        assertTrue(losses[losses.length - 1] < 0.5 * losses[0], java.util.Arrays.toString(losses));
    }
}
