package io.keyedrnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Optimizer and clipping rules on inputs whose answers follow from the definitions. */
class OptimizerTest {

    @Test
    void clippingScalesToTheMaximumNormOnlyAboveIt() {
        float[] g = {3f, -4f, 0f};
        double norm = GradientClipping.clip(g, 1.0);
        assertEquals(5.0, norm, 1e-12);
        double c = 1.0 / (5.0 + 1e-6);
        assertArrayEquals(new float[] {(float) (3 * c), (float) (-4 * c), 0f}, g, 1e-7f);
        assertEquals(1.0, GradientClipping.norm(g), 1e-6);
        float[] small = {0.3f, 0.4f};
        GradientClipping.clip(small, 1.0);
        assertArrayEquals(new float[] {0.3f, 0.4f}, small, 0f);
    }

    @Test
    void adamsFirstStepMovesEachWeightByLrAgainstItsGradientSign() {
        // After one step m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε).
        float[] p = {1f, 1f, 1f, 1f};
        float[] g = {0.5f, -2f, 1e-3f, 0f};
        new Adam(0.01, 0.9, 0.999, 1e-8, 4).step(p, g);
        for (int i = 0; i < p.length; i++) {
            double expected = 1 - 0.01 * g[i] / (Math.abs(g[i]) + 1e-8);
            assertEquals(expected, p[i], 2e-7, "parameter " + i);
        }
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        float[] p = {2f};
        float[] g = {0.5f};
        Sgd sgd = new Sgd(0.1, 0.9, 1);
        sgd.step(p, g);
        assertEquals(2 - 0.1 * 0.5, p[0], 1e-6);
        sgd.step(p, g);
        assertEquals(2 - 0.1 * 0.5 - 0.1 * (0.9 * 0.5 + 0.5), p[0], 1e-6);
        float[] q = {2f};
        new Sgd(0.1, 0, 1).step(q, g);
        assertEquals(2 - 0.1 * 0.5, q[0], 1e-6);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8, 1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OptimizerKind.fromId("rmsprop"));
        assertEquals("unknown optimizer 'rmsprop' (expected sgd or adam)", e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainConfig.builder().batchKeys(0).build());
        assertEquals("batch-keys must be ≥ 1, got 0", e.getMessage());
    }
}
