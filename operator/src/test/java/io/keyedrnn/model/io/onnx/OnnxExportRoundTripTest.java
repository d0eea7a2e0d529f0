package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Export then import gives back the model: the same weights bit for bit and the same metadata. */
class OnnxExportRoundTripTest {
    @ParameterizedTest(name = "{0}, {1} layers")
    @MethodSource("io.keyedrnn.model.io.onnx.ExportFixtures#cases")
    void importOfTheExportIsTheModel(CellKind cell, int layers) throws Exception {
        assertRoundTrip(ExportFixtures.model(cell, layers));
    }

    @ParameterizedTest(name = "{0}, {1} layers")
    @MethodSource("io.keyedrnn.model.io.onnx.ExportFixtures#cases")
    void importOfACategoricalExportIsTheModel(CellKind cell, int layers) throws Exception {
        Model original = ExportFixtures.categorical(cell, layers);
        Model back = assertRoundTrip(original);
        assertEquals(ExportFixtures.TOKENS, back.metadata().vocabulary());
        assertEquals(3, back.metadata().calibration().topG());
        assertEquals("softmax", back.metadata().output());
        assertEquals("categorical", back.metadata().inputKind());
    }

    /** Export then import gives the same network and metadata; returns the import. */
    private static Model assertRoundTrip(Model original) throws Exception {
        byte[] onnx = Onnx.toBytes(original);
        Model back = Onnx.read(onnx, "exported.onnx");
        assertSameNetwork(original.network(), back.network());
        ModelMetadata expected = ModelFile.read(ModelFile.toBytes(original), "original").metadata();
        ModelMetadata got = back.metadata();
        assertEquals(expected.normalizer(), got.normalizer());
        assertEquals(expected.cell(), got.cell());
        assertEquals(expected.output(), got.output());
        assertEquals(expected.featureNames(), got.featureNames());
        assertEquals(expected.version(), got.version());
        Map<String, Object> training = new HashMap<>(got.training());
        assertTrue(training.remove(OnnxOrigin.IMPORTED_FROM) != null, got.training().toString());
        if (training.isEmpty() && expected.training() == null) {
            training = null; // the import's own entry was all there was
        }
        assertEquals(expected.training(), training);
        assertEquals(
                new ModelMetadata.Source("onnx", "exported.onnx", OnnxOrigin.sha256(onnx)),
                got.source());
        assertEquals(
                expected.withSource(null),
                new ModelMetadata(
                        got.format(),
                        got.cell(),
                        got.output(),
                        got.inputKind(),
                        got.featureNames(),
                        got.vocabulary(),
                        got.normalizer(),
                        got.calibration(),
                        got.declaredVersion(),
                        training,
                        null));
        return back;
    }

    @Test
    void exportIsDeterministic() {
        Model m = ExportFixtures.model(CellKind.LSTM, 2);
        assertArrayEquals(Onnx.toBytes(m), Onnx.toBytes(m));
    }

    @Test
    void aNumericSoftmaxHeadRoundTrips() throws Exception {
        RecurrentNetwork r = NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 3, 4, 2), 4);
        RecurrentNetwork net = new RecurrentNetwork(r.layers(), null, r.head(), true);
        Model back = assertRoundTrip(new Model(net, ModelMetadata.empty()));
        assertTrue(back.network().hasSoftmax());
        assertEquals("softmax", back.metadata().output());
    }

    @Test
    void aCategoricalExportWithoutMetadataImportsAsCategorical() throws Exception {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU_CHO, 5, 3, 4, 1), 1);
        Model back = Onnx.read(Onnx.toBytes(new Model(net, ModelMetadata.empty())), "c.onnx");
        assertSameNetwork(net, back.network());
        assertNull(back.metadata().vocabulary());
    }

    @Test
    void exportWithoutMetadataImportsWithTheCellKind() throws Exception {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU_CHO, 2, 3, 1), 5);
        Model back = Onnx.read(Onnx.toBytes(new Model(net, ModelMetadata.empty())), "m.onnx");
        assertEquals(CellKind.GRU_CHO, back.network().cellKind());
        assertNull(back.metadata().normalizer());
        assertSameNetwork(net, back.network());
    }

    static void assertSameNetwork(RecurrentNetwork e, RecurrentNetwork a) {
        assertEquals(e.cellKind(), a.cellKind());
        assertEquals(e.layers().size(), a.layers().size());
        for (int k = 0; k < e.layers().size(); k++) {
            RecurrentLayer x = e.layers().get(k);
            RecurrentLayer y = a.layers().get(k);
            assertArrayEquals(x.weightIh(), y.weightIh(), "weight_ih_l" + k);
            assertArrayEquals(x.weightHh(), y.weightHh(), "weight_hh_l" + k);
            assertArrayEquals(x.biasIh(), y.biasIh(), "bias_ih_l" + k);
            assertArrayEquals(x.biasHh(), y.biasHh(), "bias_hh_l" + k);
        }
        assertEquals(e.isCategorical(), a.isCategorical(), "categorical");
        if (e.isCategorical()) {
            assertEquals(e.embedding().vocabularySize(), a.embedding().vocabularySize());
            assertArrayEquals(e.embedding().weight(), a.embedding().weight(), "embedding.weight");
        }
        assertEquals(e.hasSoftmax(), a.hasSoftmax(), "softmax");
        assertEquals(e.head() == null, a.head() == null, "head");
        if (e.head() != null) {
            assertArrayEquals(e.head().weight(), a.head().weight(), "head.weight");
            assertArrayEquals(e.head().bias(), a.head().bias(), "head.bias");
        }
    }
}
