package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.RawSafetensors.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain PyTorch files without keyed-rnn metadata: the architecture follows from the shapes. */
class ModelFilePlainTest {

    @ParameterizedTest
    @CsvSource({"4, LSTM", "3, GRU", "1, RNN_TANH"})
    void infersCellLayersAndSizesFromShapes(int gates, CellKind expected) throws Exception {
        RawSafetensors file = RawSafetensors.plain(gates, 2, 3, 2, 5);
        Model model = ModelFile.read(file.bytes(), "plain");
        RecurrentNetwork n = model.network();
        assertEquals(expected, n.cellKind());
        assertEquals(2, n.layers().size());
        assertEquals(2, n.inputSize());
        assertEquals(3, n.topHiddenSize());
        assertEquals(5, n.outputSize());
        assertFalse(n.hasSoftmax());
        assertEquals(ModelMetadata.empty(), model.metadata());
        // plain() numbers its value seeds 1, 2, 3, ... in the order it appends tensors.
        int rows = gates * 3;
        RecurrentLayer l1 = n.layers().get(1);
        assertArrayEquals(values(rows * 3, 5), l1.weightIh());
        assertArrayEquals(values(rows * 3, 6), l1.weightHh());
        assertArrayEquals(values(rows, 7), l1.biasIh());
        assertArrayEquals(values(rows, 8), l1.biasHh());
        assertArrayEquals(values(5 * 3, 9), n.head().weight());
        assertArrayEquals(values(5, 10), n.head().bias());
    }

    @Test
    void layersSavedWithoutBiasGetZeroBiases() throws Exception {
        RawSafetensors f = new RawSafetensors();
        f.f32("weight_ih_l0", new int[] {8, 3}, values(24, 1));
        f.f32("weight_hh_l0", new int[] {8, 2}, values(16, 2));
        Model model = ModelFile.read(f.bytes(), "no-bias");
        RecurrentLayer l0 = model.network().layers().get(0);
        assertEquals(CellKind.LSTM, l0.kind());
        assertArrayEquals(new float[8], l0.biasIh());
        assertArrayEquals(new float[8], l0.biasHh());
        assertNull(model.network().head());
    }

    @Test
    void headWithoutBiasGetsZeroBias() throws Exception {
        RawSafetensors f = RawSafetensors.plain(1, 2, 3, 1, 0);
        f.f32("head.weight", new int[] {4, 3}, values(12, 9));
        Model model = ModelFile.read(f.bytes(), "head-no-bias");
        assertArrayEquals(new float[4], model.network().head().bias());
        assertArrayEquals(values(12, 9), model.network().head().weight());
    }

    @Test
    void embeddingMakesACategoricalSoftmaxModel() throws Exception {
        RawSafetensors f = RawSafetensors.plain(3, 4, 5, 1, 0);
        f.f32("head.weight", new int[] {7, 5}, values(35, 20));
        f.f32("embedding.weight", new int[] {7, 4}, values(28, 21));
        RecurrentNetwork n = ModelFile.read(f.bytes(), "categorical").network();
        assertTrue(n.isCategorical());
        assertTrue(n.hasSoftmax());
        assertEquals(7, n.embedding().vocabularySize());
        assertArrayEquals(values(28, 21), n.embedding().weight());
    }

    @ParameterizedTest
    @CsvSource({"gru_cho, GRU_CHO, 3", "rnn_relu, RNN_RELU, 1", "gru, GRU, 3", "lstm, LSTM, 4"})
    void metadataCellOverridesTheDefaultForItsGateCount(String id, CellKind kind, int gates)
            throws Exception {
        RawSafetensors f = RawSafetensors.plain(gates, 2, 3, 1, 0);
        f.metadata(ModelMetadata.METADATA_KEY, "{\"format\":1,\"cell\":\"" + id + "\"}");
        assertEquals(kind, ModelFile.read(f.bytes(), "meta").network().cellKind());
    }

    @Test
    void unknownMetadataPropertiesAndForeignMetadataKeysAreIgnored() throws Exception {
        RawSafetensors f = RawSafetensors.plain(3, 2, 3, 1, 0);
        f.metadata("format", "pt");
        f.metadata(
                ModelMetadata.METADATA_KEY,
                "{\"format\":1,\"cell\":\"gru_cho\",\"output\":\"none\","
                        + "\"input\":{\"kind\":\"numeric\",\"size\":2}}");
        Model model = ModelFile.read(f.bytes(), "golden-style");
        assertEquals(CellKind.GRU_CHO, model.network().cellKind());
        assertEquals("none", model.metadata().output());
    }

    @Test
    void outputSoftmaxInMetadataAppliesToANumericHead() throws Exception {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 6);
        f.metadata(ModelMetadata.METADATA_KEY, "{\"format\":1,\"output\":\"softmax\"}");
        assertTrue(ModelFile.read(f.bytes(), "softmax").network().hasSoftmax());
    }
}
