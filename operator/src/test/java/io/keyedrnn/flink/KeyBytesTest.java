package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Record keys: UTF-8 for valid strings, distinct bytes for lone surrogates. */
class KeyBytesTest {
    @Test
    void validStringsAreTheirUtf8() {
        for (String s : new String[] {"", "host-1", "ключ", "emoji \ud83d\ude00", "?"}) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), KeyBytes.of(s), s);
        }
    }

    @Test
    void loneSurrogatesGetTheirOwnBytes() {
        byte[] high = KeyBytes.of("\ud800");
        byte[] low = KeyBytes.of("\udc00");
        assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, high);
        assertArrayEquals(new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, low);
        assertFalse(Arrays.equals(high, KeyBytes.of("?")));
        assertFalse(Arrays.equals(high, low));
        assertArrayEquals(
                new byte[] {'x', (byte) 0xED, (byte) 0xB0, (byte) 0x80, 'y'},
                KeyBytes.of("x\udc00y"));
    }
}
