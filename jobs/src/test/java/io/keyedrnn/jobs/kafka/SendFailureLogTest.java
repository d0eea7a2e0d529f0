package io.keyedrnn.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Refused dead letters are logged at most once per interval, and none goes unreported. */
class SendFailureLogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final SendFailureLog log = new SendFailureLog(lines::add, now::get, 60_000);
    private final Exception cause = new IllegalStateException("refused");

    @Test
    void theFirstIsLoggedAtOnceThenOneLinePerIntervalWithTheCountBetween() {
        log.dropped("a", cause);
        for (int i = 0; i < 1000; i++) {
            log.dropped("b" + i, cause);
        }
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("refused: a (IllegalStateException: refused)"));
        now.addAndGet(60_000);
        log.dropped("c", cause);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains(": c ("), lines.get(1));
        assertTrue(lines.get(1).endsWith("; 1000 more dropped since the last such line"));
    }

    @Test
    void closeReportsWhatWasNotYetLogged() {
        log.dropped("a", cause);
        log.dropped("b", cause);
        log.dropped("c", cause);
        log.close();
        assertEquals(2, lines.size());
        assertEquals(
                "Dropped 2 more dead letters the broker refused since the last such line",
                lines.get(1));
        log.close();
        assertEquals(2, lines.size());
    }
}
