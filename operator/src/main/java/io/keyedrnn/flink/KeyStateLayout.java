package io.keyedrnn.flink;

import io.keyedrnn.serve.KeyState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a {@link KeyState}'s serialised bytes ({@link KeyStateSerializer}) each part takes.
 *
 * <p>For measuring what a state backend that stores serialised values (RocksDB) reads and writes
 * per event: a {@code ValueState} update rewrites the whole value, so every part is rewritten on
 * every event. The parts sum to the serialised length ({@code KeyStateLayoutTest} checks it).
 */
public final class KeyStateLayout {
    /** Part names, in the order {@link #parts} lists them. */
    public static final String STATE = "recurrent state";

    public static final String PREDICTION = "prediction";
    public static final String RING = "input ring";
    public static final String ERRORS = "error statistics";
    public static final String LIKELIHOOD = "likelihood windows";
    public static final String RANGE = "value range";
    public static final String OTHER = "other";

    private static final int LONG = Long.BYTES;
    private static final int INT = Integer.BYTES;

    private KeyStateLayout() {}

    /** Bytes per part of the current format, in a fixed order. */
    public static Map<String, Integer> parts(KeyState s) {
        return parts(s, KeyStateSerializer.CURRENT_FORMAT);
    }

    /** Bytes per part of the given format (1 to 3), in a fixed order. */
    static Map<String, Integer> parts(KeyState s, int format) {
        boolean two = format >= KeyStateSerializer.FORMAT_2;
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(STATE, floats(s.state.length));
        m.put(PREDICTION, floats(s.prediction.length));
        // Inline ring contents, both arrays' lengths, its head and count; its capacity (format 3).
        m.put(
                RING,
                floats(s.ringFeatures.length)
                        + ints(s.ringTokens.length)
                        + 2 * INT
                        + (format >= KeyStateSerializer.RING_STATE_FORMAT ? INT : 0));
        m.put(ERRORS, LONG + 2 * Double.BYTES);
        // Short window, its position and count; long window count, mean and variance.
        m.put(LIKELIHOOD, floats(s.likelihood.recent.length) + 2 * INT + LONG + 2 * Double.BYTES);
        m.put(RANGE, two ? floats(s.rangeMin.length) + floats(s.rangeMax.length) : 0);
        // modelVersion, inputSignature, eventCount, stepsSinceReset, lastTimestamp; quietLeft.
        m.put(OTHER, 5 * LONG + (two ? INT : 0));
        return m;
    }

    /** The serialised length: the sum of the parts. */
    public static int total(KeyState s) {
        return parts(s).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int floats(int n) {
        return INT + n * Float.BYTES;
    }

    private static int ints(int n) {
        return INT + n * Integer.BYTES;
    }
}
