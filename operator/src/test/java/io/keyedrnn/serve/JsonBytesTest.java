package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bytes written directly are exactly the UTF-8 of {@link JsonText}'s text for the same values. */
class JsonBytesTest {
    @Test
    void stringsMatchJsonTextInUtf8() {
        String[] cases = {
            "",
            "k1",
            "host-17",
            "quote\"d",
            "back\\slash",
            "tab\there",
            "nl\n",
            "\u0000\u001f",
            "del\u007f",
            "é",
            "日本",
            "😀",
            "lone\ud800",
            "\udc00lone",
            "\ud800\udc00",
            null
        };
        for (String s : cases) {
            assertString(s);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int t = 0; t < 20_000; t++) {
            char[] c = new char[rnd.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                int kind = rnd.nextInt(4);
                c[i] =
                        (char)
                                (kind == 0
                                        ? rnd.nextInt(0x80)
                                        : kind == 1
                                                ? 0x20 + rnd.nextInt(0x5f)
                                                : kind == 2
                                                        ? 0xd7f0 + rnd.nextInt(0x30)
                                                        : rnd.nextInt(0x10000));
            }
            assertString(new String(c));
        }
    }

    @Test
    void longsMatchLongToString() {
        long[] cases = {
            0,
            1,
            -1,
            9,
            10,
            -10,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1,
            1_700_000_000_000L,
            Integer.MIN_VALUE
        };
        for (long v : cases) {
            assertLong(v);
        }
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 100_000; t++) {
            assertLong(rnd.nextLong() >> rnd.nextInt(64));
        }
    }

    @Test
    void numbersMatchJsonText() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int t = 0; t < 100_000; t++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            float f = Float.intBitsToFloat(rnd.nextInt());
            StringBuilder sb = new StringBuilder();
            JsonText.number(sb, d);
            JsonText.floats(sb, new float[] {f, -f, 0.1f}, 0, 3);
            JsonBytes b = new JsonBytes();
            b.number(d).floats(new float[] {f, -f, 0.1f}, 0, 3);
            assertArrayEquals(utf8(sb), b.toBytes(), d + " " + f);
        }
    }

    private static void assertString(String s) {
        StringBuilder sb = new StringBuilder();
        JsonText.string(sb, s);
        JsonBytes b = new JsonBytes();
        b.put('[').string(s).put(']');
        assertArrayEquals(utf8(new StringBuilder("[").append(sb).append(']')), b.toBytes(), s);
    }

    private static void assertLong(long v) {
        JsonBytes b = new JsonBytes();
        b.number(v);
        assertArrayEquals(Long.toString(v).getBytes(StandardCharsets.US_ASCII), b.toBytes());
    }

    private static byte[] utf8(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
