package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.jobs.train.history.History;
import io.keyedrnn.jobs.train.history.KeyHistory;
import io.keyedrnn.jobs.train.prepare.Preparation;
import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.jobs.train.prepare.SessionEnds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training appends {@code <end>} where the scoring job scores session ends. */
class SessionEndsTest {

    @Test
    void endsFollowEveryPauseLongerThanTheGapAndTheLastEvent() {
        KeyHistory k =
                new KeyHistory(
                        "s",
                        new long[] {0, 10, 110, 211, 300},
                        null,
                        new String[] {"a", "b", "c", "d", "e"});
        KeyHistory m = SessionEnds.mark(k, 100);
        // 10 -> 110 is exactly the gap (continues); 110 -> 211 exceeds it (ends at 210).
        assertArrayEquals(new String[] {"a", "b", "c", "<end>", "d", "e", "<end>"}, m.tokens());
        assertArrayEquals(new long[] {0, 10, 110, 210, 211, 300, 300}, m.ts());
        assertArrayEquals(
                new String[] {"a", "b", "c", "d", "e", "<end>"}, SessionEnds.mark(k, 0).tokens());
    }

    @Test
    void preparationTrainsOnTheEndAndKeepsItInTheVocabulary() {
        History h =
                PreparationTest.history(
                        PreparationTest.tokens("a", "A", "B", "A", "B"),
                        PreparationTest.tokens("b", "B", "A", "B", "A"));
        Preparation.Options o =
                new Preparation.Options(true, 0, true, 0.2, 100, false, List.of(), true, 0);
        PreparedData d = Preparation.prepare(h, o, null, List.of());
        assertEquals("<end>", d.vocabulary().get(d.vocabulary().size() - 1));
        int end = d.vocabulary().indexOf("<end>");
        int[] ids = d.validation().get(0).tokens();
        assertEquals(end, ids[ids.length - 1]);
        assertEquals(5, ids.length);
    }
}
