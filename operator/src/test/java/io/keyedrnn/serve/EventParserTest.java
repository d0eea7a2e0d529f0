package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private final EventParser numeric = EventParser.numeric(EventFields.DEFAULT, 2);
    private final EventParser tokens =
            EventParser.categorical(
                    EventFields.DEFAULT, Vocabulary.of(List.of("E1", "E2", "E3"), 3, false));

    private static void assertRejected(ParseResult r, RejectReason reason, String inMessage) {
        assertFalse(r.isOk(), () -> "expected a rejection, got " + r);
        assertEquals(reason, r.reason(), r::message);
        assertTrue(r.message().contains(inMessage), () -> r.message() + " lacks " + inMessage);
    }

    @Test
    void parsesNumericEvent() {
        ParseResult r =
                numeric.parse("{\"key\":\"h1\",\"ts\":1700000000000,\"features\":[0.5,-2]}");
        assertTrue(r.isOk(), r::toString);
        assertEquals("h1", r.event().getKey());
        assertEquals(1700000000000L, r.event().getTimestamp());
        assertArrayEquals(new float[] {0.5f, -2f}, r.event().getFeatures());
        assertNull(r.event().getToken());
    }

    @Test
    void timestampIsOptionalAndAcceptsTextForms() {
        assertFalse(numeric.parse("{\"key\":\"a\",\"features\":[1,2]}").event().hasTimestamp());
        assertFalse(
                numeric.parse("{\"key\":\"a\",\"ts\":null,\"features\":[1,2]}")
                        .event()
                        .hasTimestamp());
        assertEquals(
                42L,
                numeric.parse("{\"key\":\"a\",\"ts\":\"42\",\"features\":[1,2]}")
                        .event()
                        .getTimestamp());
        assertEquals(
                1000L,
                numeric.parse("{\"key\":\"a\",\"ts\":\"1970-01-01T00:00:01Z\",\"features\":[1,2]}")
                        .event()
                        .getTimestamp());
    }

    @Test
    void numericKeysBecomeText() {
        assertEquals("17", numeric.parse("{\"key\":17,\"features\":[1,2]}").event().getKey());
    }

    @Test
    void ignoresUnrelatedFieldsOfAnyShape() {
        ParseResult r =
                numeric.parse(
                        "{\"x\":{\"key\":\"no\",\"features\":[9]},\"key\":\"k\","
                                + "\"y\":[[1],{\"a\":null}],\"features\":[1,2],\"z\":true}");
        assertTrue(r.isOk(), r::toString);
        assertEquals("k", r.event().getKey());
    }

    @Test
    void customNestedPaths() {
        EventFields f = new EventFields("meta.host", "meta.time", "data.values", "token");
        EventParser p = EventParser.numeric(f, 2);
        ParseResult r =
                p.parse(
                        "{\"meta\":{\"time\":5,\"host\":\"h9\"},\"data\":{\"other\":1,"
                                + "\"values\":[3,4]},\"key\":\"wrong\"}");
        assertTrue(r.isOk(), r::toString);
        assertEquals("h9", r.event().getKey());
        assertEquals(5L, r.event().getTimestamp());
        assertArrayEquals(new float[] {3f, 4f}, r.event().getFeatures());
        assertRejected(
                p.parse("{\"meta\":{\"time\":5},\"data\":{\"values\":[3,4]}}"),
                RejectReason.MISSING_KEY,
                "meta.host");
        assertRejected(
                p.parse("{\"meta\":\"h9\",\"data\":{\"values\":[3,4]}}"),
                RejectReason.MISSING_KEY,
                "meta.host");
    }

    @Test
    void overlappingPathsAreAConfigurationError() {
        assertThrows(
                IllegalArgumentException.class,
                () -> EventParser.numeric(new EventFields("a", "a.b", "f", "t"), 1));
        assertThrows(IllegalArgumentException.class, () -> new EventFields("a..b", "ts", "f", "t"));
    }

    @Test
    void invalidJson() {
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1,2]"), RejectReason.INVALID_JSON, "");
        assertRejected(numeric.parse("not json"), RejectReason.INVALID_JSON, "invalid JSON");
        assertRejected(numeric.parse(""), RejectReason.INVALID_JSON, "empty");
        assertRejected(numeric.parse("[1,2]"), RejectReason.INVALID_JSON, "not a JSON object");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1,2]} {}"),
                RejectReason.INVALID_JSON,
                "trailing");
        assertRejected(
                numeric.parse(new byte[] {'{', (byte) 0xff, '}'}), RejectReason.INVALID_JSON, "");
    }

    @Test
    void keyProblems() {
        assertRejected(numeric.parse("{\"features\":[1,2]}"), RejectReason.MISSING_KEY, "'key'");
        assertRejected(
                numeric.parse("{\"key\":null,\"features\":[1,2]}"),
                RejectReason.MISSING_KEY,
                "key");
        assertRejected(
                numeric.parse("{\"key\":\"\",\"features\":[1,2]}"),
                RejectReason.MISSING_KEY,
                "empty");
        assertRejected(
                numeric.parse("{\"key\":[\"a\"],\"features\":[1,2]}"),
                RejectReason.BAD_KEY,
                "an array");
        assertRejected(
                numeric.parse("{\"key\":true,\"features\":[1,2]}"),
                RejectReason.BAD_KEY,
                "a boolean");
    }

    @Test
    void badTimestamps() {
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"ts\":\"yesterday\",\"features\":[1,2]}"),
                RejectReason.BAD_TIMESTAMP,
                "'ts'");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"ts\":1.5,\"features\":[1,2]}"),
                RejectReason.BAD_TIMESTAMP,
                "1.5");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"ts\":99999999999999999999,\"features\":[1,2]}"),
                RejectReason.BAD_TIMESTAMP,
                "ts");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"ts\":{},\"features\":[1,2]}"),
                RejectReason.BAD_TIMESTAMP,
                "an object");
    }

    @Test
    void featureProblems() {
        assertRejected(
                numeric.parse("{\"key\":\"a\"}"), RejectReason.MISSING_FEATURES, "'features'");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":null}"),
                RejectReason.MISSING_FEATURES,
                "features");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":\"1,2\"}"),
                RejectReason.BAD_FEATURES,
                "a string");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1,\"2\"]}"),
                RejectReason.BAD_FEATURES,
                "features[1]");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1,2,3]}"),
                RejectReason.WRONG_FEATURE_COUNT,
                "3 values, expected 2");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[]}"),
                RejectReason.WRONG_FEATURE_COUNT,
                "0 values");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1,NaN]}"),
                RejectReason.NON_FINITE_FEATURE,
                "features[1]");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[-Infinity,1]}"),
                RejectReason.NON_FINITE_FEATURE,
                "features[0]");
        assertRejected(
                numeric.parse("{\"key\":\"a\",\"features\":[1e39,1]}"),
                RejectReason.NON_FINITE_FEATURE,
                "features[0]");
    }

    @Test
    void anyFeatureCountWhenUnconstrained() {
        EventParser any = EventParser.numeric(EventFields.DEFAULT, 0);
        float[] many = new float[40];
        StringBuilder sb = new StringBuilder("{\"key\":\"a\",\"features\":[");
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 0.25f;
            sb.append(i > 0 ? "," : "").append(many[i]);
        }
        ParseResult r = any.parse(sb.append("]}").toString());
        assertArrayEquals(many, r.event().getFeatures());
    }

    @Test
    void tokens() {
        ParseResult r = tokens.parse("{\"key\":\"b\",\"token\":\"E2\"}");
        assertTrue(r.isOk(), r::toString);
        assertEquals("E2", r.event().getToken());
        assertTrue(r.event().isCategorical());
        assertRejected(tokens.parse("{\"key\":\"b\"}"), RejectReason.MISSING_TOKEN, "'token'");
        assertRejected(
                tokens.parse("{\"key\":\"b\",\"token\":[1]}"),
                RejectReason.MISSING_TOKEN,
                "an array");
        assertRejected(
                tokens.parse("{\"key\":\"b\",\"token\":\"E9\"}"),
                RejectReason.UNKNOWN_TOKEN,
                "'E9'");
    }

    @Test
    void decimalTokenIdsWithoutVocabularyList() {
        EventParser p = EventParser.categorical(EventFields.DEFAULT, Vocabulary.of(null, 5, false));
        assertEquals("4", p.parse("{\"key\":\"b\",\"token\":4}").event().getToken());
        assertRejected(p.parse("{\"key\":\"b\",\"token\":5}"), RejectReason.UNKNOWN_TOKEN, "'5'");
    }

    @Test
    void openVocabularyMapsUnknownTokens() {
        Vocabulary open = Vocabulary.of(List.of("<unk>", "A"), 2, true);
        assertEquals(0, open.id("Z"));
        assertEquals(1, open.id("A"));
        EventParser p = EventParser.categorical(EventFields.DEFAULT, open);
        assertTrue(p.parse("{\"key\":\"b\",\"token\":\"Z\"}").isOk());
        assertEquals(-1, Vocabulary.of(List.of("<unk>", "A"), 2, false).id("Z"));
    }
}
