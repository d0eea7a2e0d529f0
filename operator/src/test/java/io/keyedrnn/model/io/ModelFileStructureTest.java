package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static io.keyedrnn.model.io.RawSafetensors.values;

import org.junit.jupiter.api.Test;

/** Hostile tensor sets and shapes: missing, extra, misnumbered or misshaped tensors. */
class ModelFileStructureTest {

    /** LSTM, input 2, hidden 3 (12 gate rows), 2 layers, head 2. */
    private static RawSafetensors valid() {
        return RawSafetensors.plain(4, 2, 3, 2, 2);
    }

    @Test
    void missingWeightOfALayer() {
        assertRejected(valid().drop("weight_ih_l1"), "weight_ih_l1 is missing (", "weight_hh_l1");
        assertRejected(valid().drop("weight_hh_l0"), "weight_hh_l0 is missing (", "weight_ih_l0");
    }

    @Test
    void onlyOneBiasOfALayer() {
        assertRejected(
                valid().drop("bias_hh_l1"),
                "bias_hh_l1 is missing while bias_ih_l1 is present",
                "bias=False");
    }

    @Test
    void layerGap() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("weight_ih_l2", new int[] {12, 3}, values(36, 30));
        f.f32("weight_hh_l2", new int[] {12, 3}, values(36, 31));
        assertRejected(f, "layer gap", "weight_ih_l1 and weight_hh_l1 are missing");
    }

    @Test
    void noRecurrentLayer() {
        RawSafetensors f = new RawSafetensors();
        f.f32("head.weight", new int[] {2, 3}, values(6, 1));
        assertRejected(f, "no recurrent layer");
    }

    @Test
    void unknownTensors() {
        RawSafetensors f = valid();
        f.f32("dropout.p", new int[] {1}, values(1, 1));
        assertRejected(f, "unknown tensor dropout.p", "expected weight_ih_l{k}");
        f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("lstm.weight_ih_l0", new int[] {12, 2}, values(24, 1));
        assertRejected(f, "unknown tensor lstm.weight_ih_l0", "without the prefix 'lstm.'");
        f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("weight_ih_l0_reverse", new int[] {12, 2}, values(24, 1));
        assertRejected(f, "tensor weight_ih_l0_reverse: bidirectional layers are not supported");
        f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("weight_ih_l01", new int[] {12, 2}, values(24, 1));
        assertRejected(f, "unknown tensor weight_ih_l01");
    }

    @Test
    void headBiasWithoutHeadWeight() {
        assertRejected(valid().drop("head.weight"), "head.bias is present without head.weight");
    }

    @Test
    void inputWeightOfAnUpperLayerThatDoesNotTakeTheLowerHidden() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("weight_ih_l1", new int[] {12, 4}, values(48, 20));
        f.f32("weight_hh_l1", new int[] {12, 3}, values(36, 21));
        assertRejected(
                f,
                "tensor weight_ih_l1 has shape [12, 4]; expected [12, 3]",
                "layer 1 takes layer 0's 3 hidden units");
    }

    @Test
    void biasOfTheWrongLength() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0).drop("bias_ih_l0");
        f.f32("bias_ih_l0", new int[] {11}, values(11, 3));
        assertRejected(f, "tensor bias_ih_l0 has shape [11]; expected [12]");
    }

    @Test
    void headThatDoesNotTakeTheTopHidden() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 2, 0);
        f.f32("head.weight", new int[] {2, 4}, values(8, 3));
        assertRejected(f, "head.weight has shape [2, 4] but the top layer has 3 hidden units");
        f = RawSafetensors.plain(4, 2, 3, 2, 0);
        f.f32("head.weight", new int[] {2, 3}, values(6, 3));
        f.f32("head.bias", new int[] {3}, values(3, 4));
        assertRejected(f, "tensor head.bias has shape [3]; expected [2]");
    }

    @Test
    void recurrentWeightWithoutAWholeNumberOfGates() {
        RawSafetensors f = new RawSafetensors();
        f.f32("weight_ih_l0", new int[] {10, 2}, values(20, 1));
        f.f32("weight_hh_l0", new int[] {10, 3}, values(30, 2));
        assertRejected(f, "weight_hh_l0 has shape [10, 3]; its rows must be 4, 3 or 1 times");
        f = new RawSafetensors();
        f.f32("weight_ih_l0", new int[] {6, 2}, values(12, 1));
        f.f32("weight_hh_l0", new int[] {6, 3}, values(18, 2));
        assertRejected(f, "weight_hh_l0 has 2 gate blocks");
    }

    @Test
    void upperLayerWithAnotherGateCount() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("weight_ih_l1", new int[] {9, 3}, values(27, 20));
        f.f32("weight_hh_l1", new int[] {9, 3}, values(27, 21));
        assertRejected(f, "tensor weight_hh_l1 has shape [9, 3]; expected [12, 3]");
    }

    @Test
    void emptyOrWrongRankWeights() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 0).drop("weight_ih_l0");
        f.raw("weight_ih_l0", "F32", new int[] {12, 0}, new byte[0]);
        assertRejected(f, "tensor weight_ih_l0 has shape [12, 0]; expected a non-empty matrix");
        f = RawSafetensors.plain(4, 2, 3, 1, 0).drop("weight_hh_l0");
        f.f32("weight_hh_l0", new int[] {36}, values(36, 2));
        assertRejected(f, "tensor weight_hh_l0 has shape [36]; expected a non-empty matrix");
    }

    @Test
    void embeddingThatDoesNotFeedLayerZero() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 5);
        f.f32("embedding.weight", new int[] {5, 3}, values(15, 9));
        assertRejected(f, "embedding.weight has shape [5, 3] but weight_ih_l0 takes 2 inputs");
    }

    @Test
    void categoricalHeadThatDoesNotScoreEveryToken() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 4);
        f.f32("embedding.weight", new int[] {5, 2}, values(10, 9));
        assertRejected(f, "head.weight has 4 outputs but embedding.weight has 5 tokens");
        f = RawSafetensors.plain(4, 2, 3, 1, 0);
        f.f32("embedding.weight", new int[] {5, 2}, values(10, 9));
        assertRejected(f, "a categorical model (embedding.weight) needs head.weight");
    }
}
