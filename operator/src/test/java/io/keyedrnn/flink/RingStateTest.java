package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * The ring state in the operator: an event writes its entry there and the key state holds no ring;
 * a restored format-2 key moves its ring there on first access; the entries expire with the key
 * state's time-to-live and go with a session end that clears the key.
 */
class RingStateTest {
    private static final int RING = 4;

    @Test
    void theRingLivesInTheRingStateNotInTheKeyState() throws Exception {
        try (ScoringHarness h = rocksDb(RingStateMigrationTest.options(), null)) {
            RingStateMigrationTest.events(h, 0, 6);
            h.snapshot(); // steps the buffer
            KeyState s = keyState(h, "a");
            assertEquals(0, s.ringFeatures.length);
            assertEquals(RING, s.ringCapacity);
            Map<Integer, float[]> ring = features(h, "a");
            assertEquals(RING, ring.size());
            // Six events into four slots: slot 1 holds the sixth (t = 5).
            assertArrayEquals(TestModels.features('a', 5, 3), ring.get(1));
        }
    }

    @Test
    void aJobWithTheRingInTheKeyStateTakesItBackFromTheRingState() throws Exception {
        OperatorSubtaskState own;
        try (ScoringHarness h =
                ScoringHarness.onBackend(
                        RingStateMigrationTest.options(),
                        null,
                        RingStateMigrationTest.backend("hashmap"))) {
            RingStateMigrationTest.events(h, 0, 6);
            own = h.snapshot();
        }
        ScoringOptions inline = RingStateMigrationTest.options().ringInOwnState(false);
        try (ScoringHarness h =
                ScoringHarness.onBackend(inline, own, RingStateMigrationTest.backend("hashmap"))) {
            h.event(TestModels.event("a", 9000, TestModels.features('a', 9, 3)));
            h.snapshot();
            KeyState s = keyState(h, "a");
            assertTrue(features(h, "a").isEmpty(), "the entries left the ring state");
            assertEquals(RING * 3, s.ringFeatures.length);
            assertEquals(RING, s.ringCount);
            // t = 2..5 came back oldest first into slots 0..3; t = 9 then replaced t = 2.
            float[] slot0 = java.util.Arrays.copyOfRange(s.ringFeatures, 0, 3);
            float[] slot1 = java.util.Arrays.copyOfRange(s.ringFeatures, 3, 6);
            assertArrayEquals(TestModels.features('a', 9, 3), slot0);
            assertArrayEquals(TestModels.features('a', 3, 3), slot1);
            assertEquals(1, s.ringHead);
        }
    }

    @Test
    void aFormatTwoKeyMovesItsRingOnFirstAccess() throws Exception {
        OperatorSubtaskState format2 =
                OperatorSnapshotUtil.readStateHandle(
                        OperatorSnapshotUtil.getResourceFilename(
                                RingStateMigrationTest.resource("rocksdb")));
        try (ScoringHarness h = rocksDb(RingStateMigrationTest.options(), format2)) {
            assertEquals(RING * 3, keyState(h, "a").ringFeatures.length);
            assertTrue(features(h, "a").isEmpty());
            h.event(TestModels.event("a", 9000, TestModels.features('a', 9, 3)));
            h.snapshot();
            assertEquals(0, keyState(h, "a").ringFeatures.length);
            assertEquals(RING, features(h, "a").size());
            assertEquals(RING * 3, keyState(h, "b").ringFeatures.length, "b not accessed yet");
        }
    }

    @Test
    void theRingExpiresWithTheKeyState() throws Exception {
        ScoringOptions o = RingStateMigrationTest.options().stateTtlMs(1000);
        try (ScoringHarness h = ScoringHarness.onBackend(o, null, null)) {
            h.harness.setStateTtlProcessingTime(0);
            RingStateMigrationTest.events(h, 0, 6);
            h.snapshot();
            assertEquals(RING, features(h, "a").size());
            h.harness.setStateTtlProcessingTime(999);
            assertEquals(RING, features(h, "a").size());
            h.harness.setStateTtlProcessingTime(1001);
            assertNull(keyState(h, "a"));
            assertTrue(features(h, "a").isEmpty());
        }
    }

    @Test
    void aSessionEndThatClearsTheKeyClearsItsRing() throws Exception {
        List<String> vocab = List.of("a", "b", "c", Vocabulary.END);
        Model m =
                new Model(
                        NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 4, 3, 5, 1), 7),
                        new ModelMetadata(1, null, null, null, null, vocab, null, null, 1, null));
        EventFields fields = EventFields.DEFAULT.withEnd("end");
        ScoringOptions o =
                ScoringHarness.options(TestModels.bytes(m)).fields(fields).ringInOwnState(true);
        try (ScoringHarness h = ScoringHarness.open(o)) {
            h.parser(EventParser.categorical(fields, null));
            h.event(token("a", 1, false));
            h.event(token("b", 2, false));
            assertEquals(Map.of(0, 0, 1, 1), tokens(h, "s"));
            h.event(token("c", 3, true));
            assertNull(keyState(h, "s"));
            assertTrue(tokens(h, "s").isEmpty());
        }
    }

    private static byte[] token(String t, long ts, boolean end) {
        return ("{\"key\":\"s\",\"ts\":"
                        + ts
                        + ",\"token\":\""
                        + t
                        + "\""
                        + (end ? ",\"end\":true" : "")
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ScoringHarness rocksDb(ScoringOptions o, OperatorSubtaskState state)
            throws Exception {
        return ScoringHarness.onBackend(o, state, RingStateMigrationTest.backend("rocksdb"));
    }

    private static KeyedStateBackend<String> backend(ScoringHarness h, String key) {
        KeyedStateBackend<String> b =
                ((AbstractStreamOperator<?>) h.harness.getTwoInputOperator())
                        .getKeyedStateBackend();
        b.setCurrentKey(key);
        return b;
    }

    static KeyState keyState(ScoringHarness h, String key) throws Exception {
        ValueState<KeyState> v =
                backend(h, key)
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new ValueStateDescriptor<>(
                                        ScoringFunction.KEY_STATE, KeyStateSerializer.INSTANCE));
        return v.value();
    }

    static Map<Integer, float[]> features(ScoringHarness h, String key) throws Exception {
        MapState<Integer, float[]> m =
                backend(h, key)
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new MapStateDescriptor<>(
                                        RingState.FEATURES,
                                        Types.INT,
                                        PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        Map<Integer, float[]> out = new HashMap<>();
        for (Map.Entry<Integer, float[]> e : m.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    static Map<Integer, Integer> tokens(ScoringHarness h, String key) throws Exception {
        MapState<Integer, Integer> m =
                backend(h, key)
                        .getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                new MapStateDescriptor<>(RingState.TOKENS, Types.INT, Types.INT));
        Map<Integer, Integer> out = new HashMap<>();
        for (Map.Entry<Integer, Integer> e : m.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
