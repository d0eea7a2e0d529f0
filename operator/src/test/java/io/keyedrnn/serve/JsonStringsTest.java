package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON strings of keys: escaped so that every Java string reads back as itself. */
class JsonStringsTest {
    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        JsonText.string(sb, s);
        return sb.toString();
    }

    @Test
    void loneSurrogatesAreEscapedAndReadBackAsThemselves() throws Exception {
        ObjectMapper m = new ObjectMapper();
        for (String s :
                new String[] {
                    "\ud800", "\udc00", "a\ud800", "\udfff\ud800", "x\ud83d\ude00y", "?"
                }) {
            byte[] utf8 = json(s).getBytes(StandardCharsets.UTF_8);
            assertEquals(s, m.readValue(utf8, String.class), json(s));
        }
        assertEquals("\"\\ud800\"", json("\ud800"));
        assertEquals("\"\ud83d\ude00\"", json("\ud83d\ude00"));
        assertNotEquals(json("?"), json("\ud800"));
    }
}
