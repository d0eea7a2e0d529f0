package io.keyedrnn.jobs.eval.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SessionTokensTest {

    @Test
    void endTokenFollowsEverySession() {
        SessionTokens plain = new SessionTokens(false);
        SessionTokens closed = new SessionTokens(true);
        int[] s = {4, 21};
        assertArrayEquals(s, plain.ids(s));
        assertArrayEquals(new int[] {4, 21, 28}, closed.ids(s));
        assertEquals(28, plain.vocabulary().size());
        assertEquals("1", closed.vocabulary().get(0));
        assertEquals("<end>", closed.vocabulary().get(28));
        assertEquals(29, closed.size());
    }
}
