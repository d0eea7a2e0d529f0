package io.keyedrnn.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** A failure's one-line description is its innermost cause. */
class CausesTest {
    @Test
    void theInnermostCauseWithItsMessageOrItsNameAlone() {
        Exception e =
                new ExecutionException(new IllegalStateException("x", new IOException("gone")));
        assertEquals("IOException: gone", Causes.innermost(e));
        assertEquals("IOException", Causes.innermost(new IOException()));
    }
}
