package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.onnx.Onnx;
import org.junit.jupiter.api.Test;

/**
 * A Gaussian head survives the model file as metadata output "gaussian"; bad claims are refused.
 */
class GaussianHeadFileTest {

    private static Model gaussian() {
        RecurrentNetwork net =
                NetworkFactory.random(NetworkSpec.gaussian(CellKind.GRU, 2, 5, 1), 7);
        return new Model(net, ModelMetadata.empty().withVersion(3));
    }

    @Test
    void roundTripKeepsTheHeadKindAndTheOutput() throws Exception {
        Model m = gaussian();
        Model back = ModelFile.read(ModelFile.toBytes(m), "gauss.safetensors");
        assertEquals(HeadKind.GAUSSIAN, back.network().headKind());
        assertEquals("gaussian", back.metadata().output());
        float[] state = {0.3f, -0.2f, 0.1f, 0.5f, -0.4f};
        float[] want = new float[4];
        float[] got = new float[4];
        m.network().writeOutput(state, want);
        back.network().writeOutput(state, got);
        assertArrayEquals(want, got);
        assertTrue(got[2] > 0 && got[3] > 0, "σ is positive");
    }

    @Test
    void aFileWithoutOutputIsALinearHeadWhateverItsSize() throws Exception {
        RawSafetensors plain = RawSafetensors.plain(4, 2, 3, 1, 4);
        Model m = ModelFile.read(plain.bytes(), "plain.safetensors");
        assertEquals(HeadKind.LINEAR, m.network().headKind());
        assertFalse(m.network().isGaussian());
    }

    @Test
    void gaussianOutputNeedsTwoOutputsPerFeature() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 2);
        f.metadata(ModelMetadata.METADATA_KEY, "{\"output\":\"gaussian\"}");
        assertRejected(
                f,
                "metadata output 'gaussian' needs numeric input and a head.weight of 2 × 2"
                        + " outputs",
                "the file has 2 head outputs");
        RawSafetensors ok = RawSafetensors.plain(4, 2, 3, 1, 4);
        ok.metadata(ModelMetadata.METADATA_KEY, "{\"output\":\"gaussian\"}");
        assertTrue(assertDoesNotThrow(ok).network().isGaussian());
    }

    @Test
    void unknownOutputKindIsRefused() {
        RawSafetensors f = RawSafetensors.plain(4, 2, 3, 1, 4);
        f.metadata(ModelMetadata.METADATA_KEY, "{\"output\":\"poisson\"}");
        assertRejected(f, "metadata output 'poisson' is not none, linear, softmax or gaussian");
    }

    @Test
    void writerRefusesMetadataThatDeniesTheGaussianHead() {
        Model m = gaussian();
        ModelMetadata linear =
                new ModelMetadata(1, null, "linear", null, null, null, null, null, 3L, null);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelFile.toBytes(new Model(m.network(), linear)));
        assertTrue(
                e.getMessage()
                        .contains("metadata output linear but the network's head is" + " gaussian"),
                e.getMessage());
    }

    @Test
    void onnxExportRefusesAGaussianHead() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Onnx.toBytes(gaussian()));
        assertTrue(
                e.getMessage().startsWith("cannot export to ONNX: the model has a gaussian head"),
                e.getMessage());
    }

    private static Model assertDoesNotThrow(RawSafetensors f) {
        try {
            return ModelFile.read(f.bytes(), "ok.safetensors");
        } catch (ModelFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
