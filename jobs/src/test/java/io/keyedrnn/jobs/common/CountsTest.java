package io.keyedrnn.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts as console text: no empty braces, and "1 key" but "2 keys". */
class CountsTest {
    @Test
    void countsByName() {
        Map<String, Long> m = new LinkedHashMap<>();
        assertEquals("", Counts.inParentheses(m));
        m.put("invalid_json", 3L);
        m.put("missing_key", 1L);
        assertEquals("invalid_json 3, missing_key 1", Counts.list(m));
        assertEquals(" (invalid_json 3, missing_key 1)", Counts.inParentheses(m));
    }

    @Test
    void aCountAndItsNoun() {
        assertEquals("0 keys", Counts.of(0, "key"));
        assertEquals("1 key", Counts.of(1, "key"));
        assertEquals("7267 events", Counts.of(7267, "event"));
    }
}
