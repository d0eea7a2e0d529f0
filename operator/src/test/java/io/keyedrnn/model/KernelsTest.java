package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The switch's parsing, and that this JVM took the path its options ask for. */
class KernelsTest {
    @Test
    void onlyTrueAsksAndThePropertyWinsOverTheVariable() {
        assertTrue(Kernels.asked("true", null));
        assertTrue(Kernels.asked(" TRUE ", null));
        assertTrue(Kernels.asked(null, "true"));
        assertFalse(Kernels.asked(null, null));
        assertFalse(Kernels.asked("1", null));
        assertFalse(Kernels.asked("yes", "true"));
        assertFalse(Kernels.asked("false", "true"));
        assertTrue(Kernels.asked("true", "false"));
    }

    @Test
    void thisJvmTakesThePathItsOptionsAskFor() {
        boolean asked =
                Kernels.asked(System.getProperty(Kernels.PROPERTY), System.getenv(Kernels.ENV));
        if (asked && Kernels.moduleInBootLayer()) {
            assertTrue(Kernels.describe().startsWith("vector ("), Kernels.describe());
        } else {
            assertNull(Kernels.VECTOR);
            assertEquals(asked, Kernels.describe().startsWith("scalar: "), Kernels.describe());
        }
    }
}
