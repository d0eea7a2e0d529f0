package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Records the parser must not read leniently: duplicate fields, instants out of range. */
class EventParserStrictnessTest {
    private final EventParser numeric = EventParser.numeric(EventFields.DEFAULT, 2);

    @Test
    void aDuplicateOfAFieldTheParserReadsIsRejected() {
        for (String json :
                new String[] {
                    "{\"key\":\"a\",\"features\":[1,2],\"features\":[3,4]}",
                    "{\"key\":\"a\",\"ts\":1,\"ts\":2,\"features\":[1,2]}",
                    "{\"key\":\"a\",\"key\":\"a\",\"features\":[1,2]}",
                }) {
            ParseResult r = numeric.parse(json);
            assertEquals(RejectReason.DUPLICATE_FIELD, r.reason(), json);
            assertEquals("a", r.key());
        }
    }

    @Test
    void duplicatesOfNestedPathsAndOfOtherFieldsBehave() {
        EventParser nested = EventParser.numeric(EventFields.DEFAULT.withKey("meta.id"), 2);
        ParseResult twice =
                nested.parse(
                        "{\"meta\":{\"id\":\"a\"},\"meta\":{\"id\":\"b\"},\"features\":[1,2]}");
        assertEquals(RejectReason.DUPLICATE_FIELD, twice.reason());
        assertTrue(twice.message().contains("'meta.id'"), twice.message());
        // A field the parser never reads may repeat: it does not change the event.
        assertTrue(numeric.parse("{\"x\":1,\"x\":2,\"key\":\"a\",\"features\":[1,2]}").isOk());
        assertTrue(numeric.parse("{\"key\":\"a\",\"features\":[1,2]}").isOk(), "reused parser");
    }

    @Test
    void anIsoInstantBeyondEpochMillisecondsIsABadTimestamp() {
        for (String ts :
                new String[] {
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "99999999999999999999"
                }) {
            ParseResult r =
                    numeric.parse("{\"key\":\"a\",\"ts\":\"" + ts + "\",\"features\":[1,2]}");
            assertEquals(RejectReason.BAD_TIMESTAMP, r.reason(), ts + ": " + r);
            assertTrue(r.message().contains(ts), r.message());
        }
    }
}
