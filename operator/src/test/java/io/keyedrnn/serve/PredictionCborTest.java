package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CBOR prediction holds the JSON prediction's fields and values, float bits equal. */
class PredictionCborTest {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();

    private static final float[] EDGE_FLOATS = {
        0f,
        -0f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MIN_NORMAL,
        Math.nextDown(Float.MIN_NORMAL),
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        1f,
        -1f,
        0.1f,
        1e-40f,
        3.4e38f,
        16777217f
    };

    private static final double[] EDGE_DOUBLES = {
        0d,
        -0d,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        0.1,
        1e-310,
        Float.MAX_VALUE,
        1d / 3
    };

    @Test
    void randomPredictionsDecodeToTheJsonValuesBitForBit() throws IOException {
        SplittableRandom rnd = new SplittableRandom(12);
        PredictionJson json = new PredictionJson(true);
        PredictionCbor cbor = new PredictionCbor(true);
        for (int i = 0; i < 10_000; i++) {
            Prediction p = random(rnd);
            assertSameValues(json.toBytes(p), cbor.toBytes(p), p);
        }
    }

    @Test
    void withoutStateTheStateIsLeftOutAsInTheJson() throws IOException {
        Prediction p = random(new SplittableRandom(3));
        p.state = new float[] {1f, 2f};
        p.stateParts = new int[] {0, 1, 2};
        byte[] c = new PredictionCbor(false).toBytes(p);
        assertSameValues(new PredictionJson(false).toBytes(p), c, p);
        assertNull(field(c, "state"));
    }

    @Test
    void nonFiniteNumbersAreNullAsInTheJson() throws IOException {
        Prediction p = random(new SplittableRandom(4));
        p.scored = true;
        p.categorical = false;
        p.error = Double.POSITIVE_INFINITY;
        p.z = Double.NaN;
        p.values = new float[] {Float.NEGATIVE_INFINITY, 2f};
        p.length = 2;
        byte[] c = new PredictionCbor(true).toBytes(p);
        assertSameValues(new PredictionJson(true).toBytes(p), c, p);
        assertEquals(JsonToken.VALUE_NULL, field(c, "error"));
    }

    /** The bytes of a small record as RFC 8949 spells them, worked out by hand. */
    @Test
    void smallRecordHasTheseBytes() {
        Prediction p = new Prediction();
        p.key = "k";
        p.timestamp = Event.NO_TIMESTAMP;
        p.modelVersion = 3;
        p.values = new float[] {1.5f};
        p.length = 1;
        p.warmup = true;
        String expected =
                "a7" // map of 7 pairs
                        + "636b6579"
                        + "616b" // "key": "k"
                        + "627473"
                        + "f6" // "ts": null
                        + "6d6d6f64656c5f76657273696f6e"
                        + "03" // "model_version": 3
                        + "6a70726564696374696f6e"
                        + "81"
                        + "fa3fc00000" // "prediction": [1.5f]
                        + "6573636f7265"
                        + "fb0000000000000000" // "score": 0.0 (8 bytes)
                        + "67616e6f6d616c79"
                        + "f4" // "anomaly": false
                        + "667761726d7570"
                        + "f5"; // "warmup": true
        assertEquals(expected, HexFormat.of().formatHex(new PredictionCbor(false).toBytes(p)));
    }

    /**
     * Walks both records token by token: same names, strings, booleans, nulls and integers; each
     * JSON float is the CBOR float with the same bits (4-byte where the prediction has a float).
     */
    private static void assertSameValues(byte[] jsonBytes, byte[] cborBytes, Prediction p)
            throws IOException {
        try (JsonParser j = JSON.createParser(jsonBytes);
                JsonParser c = CBOR.createParser(cborBytes)) {
            JsonToken t;
            String field = null;
            int floats = 0;
            while ((t = j.nextToken()) != null) {
                JsonToken ct = c.nextToken();
                String where = p + " at " + field;
                assertEquals(t, ct, where);
                if (t == JsonToken.FIELD_NAME) {
                    field = j.currentName();
                    assertEquals(field, c.currentName());
                } else if (t == JsonToken.VALUE_STRING) {
                    assertEquals(j.getText(), c.getText(), where);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    assertEquals(j.getLongValue(), c.getLongValue(), where);
                } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    floats += assertSameNumber(j.getText(), c, where);
                }
            }
            assertNull(c.nextToken(), "the CBOR record has more after the JSON's end");
            assertEquals(expectedFloats(p, field), floats, "4-byte floats in " + p);
        }
    }

    /** Returns 1 for a 4-byte float, 0 for an 8-byte one. */
    private static int assertSameNumber(String text, JsonParser c, String where)
            throws IOException {
        if (c.getNumberType() == JsonParser.NumberType.FLOAT) {
            assertEquals(
                    Float.floatToRawIntBits(Float.parseFloat(text)),
                    Float.floatToRawIntBits(c.getFloatValue()),
                    where);
            return 1;
        }
        assertEquals(JsonParser.NumberType.DOUBLE, c.getNumberType(), where);
        assertEquals(
                Double.doubleToRawLongBits(Double.parseDouble(text)),
                Double.doubleToRawLongBits(c.getDoubleValue()),
                where);
        return 0;
    }

    /** The prediction's and state's finite floats (lastField: state written or not). */
    private static int expectedFloats(Prediction p, String lastField) {
        int n = finite(p.values, 0, p.length);
        return "state".equals(lastField) ? n + finite(p.state, 0, p.state.length) : n;
    }

    private static int finite(float[] a, int from, int n) {
        int k = 0;
        for (int i = from; i < from + n; i++) {
            k += Float.isFinite(a[i]) ? 1 : 0;
        }
        return k;
    }

    /** The token of a top-level field's value, or null when absent. */
    private static JsonToken field(byte[] cbor, String name) throws IOException {
        try (JsonParser c = CBOR.createParser(cbor)) {
            c.nextToken();
            while (c.nextToken() == JsonToken.FIELD_NAME) {
                String n = c.currentName();
                JsonToken v = c.nextToken();
                if (n.equals(name)) {
                    return v;
                }
                c.skipChildren();
            }
            return null;
        }
    }

    private static Prediction random(SplittableRandom rnd) {
        Prediction p = new Prediction();
        p.key = rnd.nextInt(10) == 0 ? "k\"é\n" + rnd.nextInt() : "key-" + rnd.nextInt(1000);
        p.timestamp = rnd.nextInt(5) == 0 ? Event.NO_TIMESTAMP : rnd.nextLong();
        p.modelVersion = rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(100);
        p.length = rnd.nextInt(20);
        p.values = floats(rnd, p.length + rnd.nextInt(3));
        p.score = number(rnd);
        p.anomaly = rnd.nextBoolean();
        p.warmup = rnd.nextBoolean();
        p.end = rnd.nextInt(4) == 0;
        p.quiet = rnd.nextInt(4) == 0;
        p.scored = rnd.nextBoolean();
        p.categorical = rnd.nextBoolean();
        p.error = number(rnd);
        p.z = number(rnd);
        p.probability = number(rnd);
        p.rank = rnd.nextInt(Integer.MAX_VALUE);
        p.likelihood = rnd.nextBoolean() ? Double.NaN : number(rnd);
        if (rnd.nextBoolean()) {
            int layers = 1 + rnd.nextInt(3);
            p.stateParts = new int[layers + 1];
            for (int i = 1; i <= layers; i++) {
                p.stateParts[i] = p.stateParts[i - 1] + rnd.nextInt(5);
            }
            p.state = floats(rnd, p.stateParts[layers]);
        }
        return p;
    }

    private static float[] floats(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] =
                    switch (rnd.nextInt(4)) {
                        case 0 -> EDGE_FLOATS[rnd.nextInt(EDGE_FLOATS.length)];
                        case 1 -> Float.intBitsToFloat(rnd.nextInt()); // any bits
                        default -> (float) rnd.nextGaussian();
                    };
            if (Float.isNaN(a[i])) {
                a[i] = Math.nextUp(0f); // NaN-free: random bits may make one
            }
        }
        return a;
    }

    private static double number(SplittableRandom rnd) {
        double v =
                switch (rnd.nextInt(3)) {
                    case 0 -> EDGE_DOUBLES[rnd.nextInt(EDGE_DOUBLES.length)];
                    case 1 -> Double.longBitsToDouble(rnd.nextLong());
                    default -> rnd.nextGaussian();
                };
        return Double.isNaN(v) ? -0d : v;
    }

    @Test
    void formatByName() {
        assertEquals(PredictionFormat.CBOR, PredictionFormat.fromId(" CBOR "));
        assertArrayEquals(
                new PredictionJson(false).toBytes(random(new SplittableRandom(5))),
                PredictionFormat.JSON.encoder(false).toBytes(random(new SplittableRandom(5))));
    }
}
