package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The session end field: a flag on an event, an end marker alone, and a bad value. */
class EndFieldTest {
    private final EventFields fields = EventFields.DEFAULT.withEnd("meta.last");
    private final EventParser tokens =
            EventParser.categorical(fields, Vocabulary.of(List.of("E1", "E2"), 2, false));
    private final EventParser numeric = EventParser.numeric(fields, 2);

    @Test
    void aTrueEndFieldMarksTheEvent() {
        ParseResult r = tokens.parse("{\"key\":\"b\",\"token\":\"E2\",\"meta\":{\"last\":true}}");
        assertTrue(r.isOk(), r::toString);
        assertTrue(r.event().isEnd());
        assertEquals("E2", r.event().getToken());
        assertFalse(
                tokens.parse("{\"key\":\"b\",\"token\":\"E2\",\"meta\":{\"last\":false}}")
                        .event()
                        .isEnd());
        assertFalse(tokens.parse("{\"key\":\"b\",\"token\":\"E2\"}").event().isEnd());
    }

    @Test
    void anEndWithoutValueIsAMarker() {
        ParseResult r = numeric.parse("{\"key\":\"h\",\"ts\":5,\"meta\":{\"last\":true}}");
        assertTrue(r.isOk(), r::toString);
        assertTrue(r.event().isEnd());
        assertFalse(r.event().hasValue());
        assertEquals(5, r.event().getTimestamp());
        ParseResult withValue =
                numeric.parse("{\"key\":\"h\",\"features\":[1,2],\"meta\":{\"last\":true}}");
        assertArrayEquals(new float[] {1, 2}, withValue.event().getFeatures());
        assertEquals(
                RejectReason.MISSING_FEATURES,
                numeric.parse("{\"key\":\"h\",\"meta\":{\"last\":false}}").reason());
    }

    @Test
    void aNonBooleanEndIsRejectedNamingTheField() {
        ParseResult r =
                tokens.parse("{\"key\":\"b\",\"token\":\"E1\",\"meta\":{\"last\":\"yes\"}}");
        assertFalse(r.isOk());
        assertEquals(RejectReason.BAD_END, r.reason());
        assertTrue(r.message().contains("meta.last"), r.message());
    }

    @Test
    void withoutAnEndPathTheFieldIsIgnored() {
        EventParser plain = EventParser.categorical(EventFields.DEFAULT, null);
        ParseResult r = plain.parse("{\"key\":\"b\",\"token\":\"E1\",\"end\":\"junk\"}");
        assertTrue(r.isOk(), r::toString);
        assertFalse(r.event().isEnd());
        assertNull(EventFields.DEFAULT.end());
    }
}
