package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dead letters stay within their size limit and say what they cut. */
class DeadLetterJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeadLetter letter(String key, byte[] payload) {
        return new DeadLetter(
                "invalid_json", "bad", key, new RawRecord(payload, "events", 1, 42, 0));
    }

    @Test
    void aSmallPayloadIsWholeWithItsLength() throws Exception {
        byte[] p = "{\"k\":1".getBytes(StandardCharsets.UTF_8);
        JsonNode n = JSON.readTree(DeadLetterJson.write(letter("k1", p), 100_000));
        assertArrayEquals(p, Base64.getDecoder().decode(n.get("payload_base64").asText()));
        assertEquals(p.length, n.get("payload_length").asInt());
        assertFalse(n.get("payload_truncated").asBoolean());
        assertFalse(n.has("payload_sha256"));
        assertEquals("k1", n.get("key").asText());
        assertEquals(42, n.get("source").get("offset").asLong());
    }

    @Test
    void anEmptyValueIsAnEmptyStringAndNoValueIsNull() throws Exception {
        JsonNode empty = JSON.readTree(DeadLetterJson.write(letter(null, new byte[0])));
        assertEquals("", empty.get("payload_base64").textValue());
        assertEquals(0, empty.get("payload_length").asInt());
        JsonNode none = JSON.readTree(DeadLetterJson.write(letter(null, null)));
        assertTrue(none.get("payload_base64").isNull());
        assertFalse(none.has("key"));
    }

    @Test
    void aLargePayloadIsCutToFitWithLengthAndHashOfTheOriginal() throws Exception {
        byte[] p = new byte[5 << 20];
        new Random(1).nextBytes(p);
        for (int limit : new int[] {DeadLetterJson.MIN_BYTES, 100_000, 900_000}) {
            byte[] out = DeadLetterJson.write(letter("k", p), limit);
            assertTrue(out.length <= limit, out.length + " > " + limit);
            assertTrue(out.length > limit - 400, "uses the room it has: " + out.length);
            JsonNode n = JSON.readTree(out);
            byte[] kept = Base64.getDecoder().decode(n.get("payload_base64").asText());
            assertArrayEquals(Arrays.copyOf(p, kept.length), kept);
            assertEquals(p.length, n.get("payload_length").asInt());
            assertTrue(n.get("payload_truncated").asBoolean());
            assertEquals(DeadLetterJson.sha256(p), n.get("payload_sha256").asText());
        }
    }

    @Test
    void hugeMessagesAndKeysOfEscapedCharactersStillFit() throws Exception {
        String nasty = "\u0001\ud800".repeat(1_000_000);
        DeadLetter d = letter(nasty, new byte[1 << 20]);
        d.message = nasty;
        byte[] out = DeadLetterJson.write(d, DeadLetterJson.MIN_BYTES);
        assertTrue(out.length <= DeadLetterJson.MIN_BYTES, String.valueOf(out.length));
        JsonNode n = JSON.readTree(out);
        assertTrue(n.get("key").asText().endsWith("..."));
        assertTrue(n.get("message").asText().length() <= DeadLetterJson.MAX_TEXT_CHARS + 3);
    }

    @Test
    void loneSurrogateKeysAreEscapedNotQuestionMarks() throws Exception {
        JsonNode lone = JSON.readTree(DeadLetterJson.write(letter("a\ud800b", null)));
        JsonNode q = JSON.readTree(DeadLetterJson.write(letter("a?b", null)));
        assertEquals("a\ud800b", lone.get("key").asText());
        assertEquals("a?b", q.get("key").asText());
    }
}
