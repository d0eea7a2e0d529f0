package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import org.junit.jupiter.api.Test;

/** The inspect summary names the architecture, sizes, parameter count, version and metadata. */
class ModelSummaryTest {

    private static void assertContains(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue(text.contains(f), () -> "summary lacks \"" + f + "\":\n" + text);
        }
    }

    @Test
    void describesANumericModelWithMetadata() {
        RecurrentNetwork n =
                NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU_CHO, 3, 5, 2), 1);
        Model model = new Model(n, ModelFileRoundTripTest.fullMetadata(n, 12));
        // GRU: 3·5 gate rows; layer 0: 15·(3+5+2) = 150, layer 1: 15·(5+5+2) = 180; head 3·(5+1) =
        // 18.
        String s = ModelSummary.describe(model);
        assertContains(
                s,
                "architecture: 2-layer gru_cho: 3 features -> 5 -> 5 -> linear 3",
                "cell: gru_cho (3 gate blocks)",
                "layers: 2",
                "layer 0: input 3, hidden 5, weight_ih [15, 3], weight_hh [15, 5], 150 parameters",
                "layer 1: input 5, hidden 5, weight_ih [15, 5], weight_hh [15, 5], 180 parameters",
                "input: numeric, 3 features [f0, f1, f2], z-score normalised",
                "output: linear head 5 -> 3",
                "state per key: 10 floats",
                "parameters: 348",
                "version: 12",
                "metadata format: 1",
                "calibration: {",
                "training: {");
    }

    @Test
    void namesAGaussianHead() {
        RecurrentNetwork n = NetworkFactory.random(NetworkSpec.gaussian(CellKind.LSTM, 2, 4, 1), 1);
        String s = ModelSummary.describe(new Model(n, ModelMetadata.empty()));
        assertContains(
                s,
                "architecture: 1-layer lstm: 2 features -> 4 -> gaussian 4",
                "output: gaussian (means, then log-variances) head 4 -> 4");
    }

    @Test
    void describesAPlainCategoricalModel() throws Exception {
        RecurrentNetwork n =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.LSTM, 12, 4, 3, 1), 2);
        String s = ModelSummary.describe(new Model(n, ModelMetadata.empty()));
        // LSTM: 12 gate rows·(4+3+2) = 108; head 12·(3+1) = 48; embedding 12·4 = 48.
        assertContains(
                s,
                "architecture: 1-layer lstm: 12 tokens -> embedding 4 -> 3 -> softmax 12",
                "input: categorical, vocabulary of 12, embedding dimension 4",
                "output: softmax head 3 -> 12",
                "state per key: 6 floats",
                "parameters: 204",
                "version: none (the metadata has no version; served as 0)",
                "metadata: none (plain PyTorch file)");
    }

    @Test
    void saysSoWhenTheMetadataHasNoVersion() throws Exception {
        RecurrentNetwork n = NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 2, 3, 1), 4);
        ModelMetadata none = MetadataCodec.parse("{\"format\": 1, \"cell\": \"gru\"}", "t");
        ModelMetadata zero = MetadataCodec.parse("{\"format\": 1, \"version\": 0}", "t");
        String absent = ModelSummary.describe(new Model(n, none));
        assertContains(absent, "version: none (the metadata has no version; served as 0)");
        assertFalse(absent.contains("version: 0"), absent);
        // A stated 0 is a version like any other.
        assertContains(ModelSummary.describe(new Model(n, zero)), "version: 0\n");
    }

    @Test
    void aVersionlessFileStaysVersionlessWhenWrittenAgain() throws Exception {
        RecurrentNetwork n = NetworkFactory.random(NetworkSpec.numeric(CellKind.GRU, 2, 3, 1), 5);
        ModelMetadata none = MetadataCodec.parse("{\"format\": 1}", "t");
        Model back = ModelFile.read(ModelFile.toBytes(new Model(n, none)), "t");
        assertFalse(back.metadata().hasVersion());
        assertEquals(0, back.version());
    }

    @Test
    void elidesALongVocabulary() {
        RecurrentNetwork n =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 9, 4, 3, 1), 3);
        Model model = new Model(n, ModelFileRoundTripTest.fullMetadata(n, 1));
        // The summary shows at most 10 tokens; with 9 nothing is elided, so check both branches.
        assertContains(ModelSummary.describe(model), "vocabulary: 9 tokens [E0");
        RecurrentNetwork big =
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 30, 4, 3, 1), 3);
        Model bigModel = new Model(big, ModelFileRoundTripTest.fullMetadata(big, 1));
        assertContains(ModelSummary.describe(bigModel), "vocabulary: 30 tokens [E0", "E9] ...");
    }
}
