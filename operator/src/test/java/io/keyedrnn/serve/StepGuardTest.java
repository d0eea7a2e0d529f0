package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard's finiteness test (branch-free) and its reset of a state that is already broken. */
class StepGuardTest {
    private static final float[] FINITE = {
        0f,
        -0f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MIN_NORMAL,
        1f,
        -1f,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Math.nextDown(Float.MAX_VALUE),
        3e38f
    };
    private static final float[] NOT_FINITE = {
        Float.NaN,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7f800001),
        Float.intBitsToFloat(0xffffffff)
    };

    @Test
    void finiteAgreesWithFloatIsFinite() {
        assertTrue(StepGuard.finite(FINITE));
        assertTrue(StepGuard.finite(new float[0]));
        for (float bad : NOT_FINITE) {
            for (int at = 0; at < 9; at++) {
                float[] a = new float[9];
                a[at] = bad;
                assertFalse(StepGuard.finite(a), bad + " at " + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 19})
    void aStateBrokenBeforeTheGuardIsZeroedFirst(int at) {
        ModelServable sv =
                new ModelServable(
                        ServeFixtures.numeric(CellKind.LSTM, 5, 2, 3, 1), ScoringConfig.DEFAULTS);
        KeyState s = sv.newState();
        float[][] xs = ServeFixtures.features(6, 3);
        for (int t = 0; t < 5; t++) {
            sv.process(ServeFixtures.event("k", t, xs[t]), s);
        }
        s.state[at] = Float.NaN; // as read from a checkpoint written before the guard
        KeyState fresh = sv.newState();
        Prediction p = sv.process(ServeFixtures.event("k", 5, xs[5]), s);
        assertNotNull(p);
        assertTrue(StepGuard.finite(s.state));
        assertEquals(1, s.stepsSinceReset, "the step starts from a reset state");
        sv.process(ServeFixtures.event("k", 5, xs[5]), fresh);
        assertArrayEquals(fresh.state, s.state, "stepped from zeros");
    }
}
