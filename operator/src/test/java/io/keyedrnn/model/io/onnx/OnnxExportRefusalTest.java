package io.keyedrnn.model.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Export refuses a model no model file could hold, naming what is wrong, rather than write a graph
 * whose import fails or differs: the ONNX model would not be the keyed-rnn model.
 */
class OnnxExportRefusalTest {
    private static final Model CATEGORICAL = ExportFixtures.categorical(CellKind.LSTM, 2);

    private static void refused(Model m, String... fragments) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Onnx.toBytes(m));
        assertTrue(e.getMessage().startsWith("cannot export to ONNX: "), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    private static ModelMetadata metadata(List<String> vocabulary, Normalizer n, String output) {
        return new ModelMetadata(
                1, null, output, null, null, vocabulary, n, null, null, null, null);
    }

    @Test
    void aNormaliserOnTokenInput() {
        Normalizer n = new Normalizer(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        refused(
                new Model(CATEGORICAL.network(), metadata(null, n, null)),
                "normalizer",
                "embedding");
    }

    @Test
    void aVocabularyOfAnotherSize() {
        refused(
                new Model(CATEGORICAL.network(), metadata(List.of("a", "b"), null, null)),
                "vocabulary has 2 tokens",
                "7 rows");
    }

    @Test
    void aCategoricalModelDeclaredLinear() {
        refused(new Model(CATEGORICAL.network(), metadata(null, null, "linear")), "linear");
    }

    @Test
    void aNonFiniteEmbedding() {
        RecurrentNetwork n = CATEGORICAL.network();
        float[] w = n.embedding().weight().clone();
        w[5] = Float.NaN;
        RecurrentNetwork bad =
                new RecurrentNetwork(n.layers(), new Embedding(7, 3, w), n.head(), n.hasSoftmax());
        refused(new Model(bad, ModelMetadata.empty()), "embedding.weight", "NaN", "index 5");
    }
}
