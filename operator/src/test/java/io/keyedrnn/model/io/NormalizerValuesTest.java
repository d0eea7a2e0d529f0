package io.keyedrnn.model.io;

import static io.keyedrnn.model.io.ModelFileAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A normaliser whose std is not a normal float32, or whose scale overflows float32, would turn
 * every finite input into infinity or NaN: it is refused on load, naming the feature (issue 11).
 */
class NormalizerValuesTest {

    private static RawSafetensors withNormalizer(String mean, String std) {
        return RawSafetensors.plain(4, 2, 3, 1, 2)
                .metadata(
                        ModelMetadata.METADATA_KEY,
                        "{\"normalizer\":{\"mean\":" + mean + ",\"std\":" + std + "}}");
    }

    @Test
    void aSubnormalStdIsRefused() {
        ModelFormatException e =
                assertRejected(
                        withNormalizer("[0,0]", "[1,1e-45]"), "normalizer feature 1", "normal");
        assertEquals(
                "metadata keyed_rnn is not valid at normalizer: normalizer feature 1 has mean 0.0,"
                        + " std 1.4E-45; std must be a normal float32, at least 1.17549435E-38",
                e.problem());
        assertRejected(withNormalizer("[0,0]", "[1e-39,1]"), "normalizer feature 0", "normal");
    }

    @Test
    void zeroNegativeAndOverflowingStdAreRefused() {
        assertRejected(withNormalizer("[0,0]", "[1,0]"), "normalizer feature 1");
        assertRejected(withNormalizer("[0,0]", "[-2,1]"), "normalizer feature 0");
        assertRejected(withNormalizer("[0,0]", "[1,1e39]"), "normalizer feature 1");
        assertRejected(withNormalizer("[1e39,0]", "[1,1]"), "normalizer feature 0");
    }

    @Test
    void aScaleThatOverflowsFloat32IsRefused() {
        // mean / std = 1e30 / 1e-10 = 1e40 > Float.MAX_VALUE: x = 0 already normalises to -inf.
        assertRejected(
                withNormalizer("[0,1e30]", "[1,1e-10]"), "normalizer feature 1", "overflows");
    }

    @Test
    void theSmallestNormalStdStillLoads() throws Exception {
        Model m =
                ModelFile.read(
                        withNormalizer("[0,0]", "[1.1754944e-38,1]").bytes(), "ok.safetensors");
        assertEquals(Float.MIN_NORMAL, m.metadata().normalizer().std()[0]);
    }

    @Test
    void theConstructorSaysWhichFeature() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Normalizer(new float[] {0, 0, 0}, new float[] {1, 1, 1e-40f}));
        assertTrue(e.getMessage().startsWith("normalizer feature 2"), e.getMessage());
    }
}
