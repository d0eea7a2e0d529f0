package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A feature's value is the float nearest the double nearest its decimal text, exactly as {@code
 * (float) Double.parseDouble} gives it, whatever the text's form (the parser's fast double parser
 * must not change one bit).
 */
class EventParserNumbersTest {
    private static final int SAMPLES = 20_000;

    private final EventParser parser = EventParser.numeric(EventFields.DEFAULT, 1);

    @Test
    void randomTextsParseToTheJdksValue() {
        Random rnd = new Random(2026);
        for (int i = 0; i < SAMPLES; i++) {
            assertParsesLikeTheJdk(randomNumberText(rnd, i % 6));
        }
    }

    @Test
    void edgeTextsParseToTheJdksValue() {
        String[] texts = {
            "0",
            "0.0",
            "-0.0",
            "1e-46",
            "1.4e-45",
            "1.401298464324817e-45",
            "3.4028235e38",
            "3.4028236e38",
            "1.17549435e-38",
            "1.1754942e-38",
            "0.1",
            "16777217",
            "1.00000005960464477539062",
            "1.000000059604644775390625",
            "1.0000000596046447753906251",
            "9007199254740993",
            "2.2250738585072011e-308",
            "4.9e-324",
            "1e-400",
            "123456789012345678901234567890",
            "0.000000000000000000000000000000000000000000001",
            "7.038531e-26",
            "-1.5E+10",
            "1E5"
        };
        for (String text : texts) {
            assertParsesLikeTheJdk(text);
        }
    }

    /** Same float bits as the JDK's parse, or a rejection where that overflows the float range. */
    private void assertParsesLikeTheJdk(String text) {
        float expected = (float) Double.parseDouble(text);
        ParseResult r = parser.parse(record(text));
        if (!Float.isFinite(expected)) {
            assertEquals(RejectReason.NON_FINITE_FEATURE, r.reason(), () -> text + ": " + r);
            return;
        }
        assertTrue(r.isOk(), () -> text + ": " + r);
        assertEquals(
                Float.floatToRawIntBits(expected),
                Float.floatToRawIntBits(r.event().getFeatures()[0]),
                () -> "feature text " + text);
    }

    private static String record(String text) {
        return "{\"key\":\"k\",\"features\":[" + text + "]}";
    }

    /** Texts as producers write them: float and double shortest forms, long digit strings. */
    private static String randomNumberText(Random rnd, int form) {
        switch (form) {
            case 0:
                return Float.toString(finiteFloat(rnd));
            case 1:
                return Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
            case 2: // the exact decimal of a float, then one more digit: near rounding boundaries
                return new BigDecimal(finiteFloat(rnd)).toPlainString() + rnd.nextInt(10);
            case 3:
                return String.format(Locale.ROOT, "%.9e", (double) finiteFloat(rnd));
            case 4:
                return Long.toString(rnd.nextLong());
            default:
                StringBuilder b = new StringBuilder(rnd.nextBoolean() ? "-" : "");
                b.append(rnd.nextInt(10)).append('.');
                for (int d = 1 + rnd.nextInt(30); d > 0; d--) {
                    b.append(rnd.nextInt(10));
                }
                return b.append('e').append(rnd.nextInt(90) - 45).toString();
        }
    }

    private static float finiteFloat(Random rnd) {
        float f = Float.intBitsToFloat(rnd.nextInt());
        return Float.isFinite(f) ? f : 1.5f;
    }
}
