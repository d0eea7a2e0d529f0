package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.MapRingStore;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Ring;
import io.keyedrnn.serve.ScoringConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The byte breakdown of a key state adds up to what the serializer writes, part by part. */
class KeyStateLayoutTest {

    @Test
    void partsSumToTheSerialisedLengthInEveryFormat() throws IOException {
        for (KeyState s : states()) {
            for (int format : new int[] {1, 2, 3}) {
                int sum = KeyStateLayout.parts(s, format).values().stream().mapToInt(i -> i).sum();
                assertEquals(serialised(s, format), sum, "format " + format + ": " + s);
            }
            assertEquals(serialised(s, KeyStateSerializer.CURRENT_FORMAT), KeyStateLayout.total(s));
        }
    }

    @Test
    void ringAndStateBytesFollowTheirArrays() {
        ModelServable sv =
                new ModelServable(
                        TestModels.numeric(CellKind.LSTM, 4, 16, 1, 3),
                        ScoringConfig.DEFAULTS.withRingSize(32));
        KeyState s = sv.newState();
        Map<String, Integer> parts = KeyStateLayout.parts(s);
        // LSTM h and c of 16 each; 32 inputs of 4 features, two array lengths, head, count and
        // capacity.
        assertEquals(4 + 32 * 4, parts.get(KeyStateLayout.STATE));
        assertEquals(32 * 4 * 4 + 4 + 4 + 12, parts.get(KeyStateLayout.RING));
        // The job keeps the entries in the ring state: two empty arrays, head, count, capacity.
        Ring.attach(s, new MapRingStore());
        assertEquals(20, KeyStateLayout.parts(s).get(KeyStateLayout.RING));
    }

    private static List<KeyState> states() {
        List<KeyState> out = new ArrayList<>();
        out.add(KeyStateSerializer.INSTANCE.createInstance());
        for (CellKind cell : new CellKind[] {CellKind.LSTM, CellKind.GRU}) {
            for (int shortWindow : new int[] {0, 5}) {
                ScoringConfig c =
                        ScoringConfig.DEFAULTS.withRingSize(6).withLikelihood(shortWindow, 9);
                ModelServable sv = new ModelServable(TestModels.numeric(cell, 3, 8, 1, 7), c);
                KeyState s = sv.newState();
                out.add(s.copy());
                for (int t = 0; t < 10; t++) {
                    sv.process(Event.numeric("k", 1000 + t, TestModels.features(2, t, 3)), s);
                }
                out.add(s);
            }
        }
        KeyState tokens = KeyStateSerializer.INSTANCE.createInstance();
        tokens.ringTokens = new int[11];
        out.add(tokens);
        return out;
    }

    private static int serialised(KeyState s, int format) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        new KeyStateSerializer(format).serialize(s, out);
        return out.length();
    }
}
