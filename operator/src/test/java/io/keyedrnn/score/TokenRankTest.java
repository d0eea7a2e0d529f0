package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenRankTest {

    @Test
    void rankIsPositionInDescendingOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(30);
            float[] probs = new float[n];
            for (int i = 0; i < n; i++) {
                probs[i] = (float) rnd.nextDouble();
            }
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probs[i]).reversed());
            for (int pos = 0; pos < n; pos++) {
                assertEquals(pos, TokenRank.rank(probs, n, order[pos]));
            }
        }
    }

    @Test
    void tiesShareTheBetterRank() {
        float[] probs = {0.3f, 0.3f, 0.4f};
        assertEquals(1, TokenRank.rank(probs, 3, 0));
        assertEquals(1, TokenRank.rank(probs, 3, 1));
    }

    @Test
    void topGRule() {
        assertFalse(TokenRank.outsideTopG(8, 9));
        assertTrue(TokenRank.outsideTopG(9, 9));
        assertEquals(Math.log(4), TokenRank.surprisal(0.25f), 1e-12);
    }
}
