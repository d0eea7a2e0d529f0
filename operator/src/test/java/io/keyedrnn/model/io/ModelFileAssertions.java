package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the hostile-file tests. */
final class ModelFileAssertions {
    static final String SOURCE = "hostile.safetensors";

    private ModelFileAssertions() {}

    /** Asserts reading {@code bytes} fails with a message that contains every fragment. */
    static ModelFormatException assertRejected(byte[] bytes, String... fragments) {
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelFile.read(bytes, SOURCE));
        assertEquals(SOURCE, e.source());
        assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
        for (String f : fragments) {
            assertTrue(
                    e.getMessage().contains(f),
                    () -> "message \"" + e.getMessage() + "\" does not contain \"" + f + "\"");
        }
        return e;
    }

    static ModelFormatException assertRejected(RawSafetensors file, String... fragments) {
        return assertRejected(file.bytes(), fragments);
    }
}
