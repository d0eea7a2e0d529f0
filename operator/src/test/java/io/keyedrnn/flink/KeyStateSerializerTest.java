package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.AlertRules;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.MapRingStore;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Ring;
import io.keyedrnn.serve.ScoringConfig;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flink's serializer contract for the per-key state, on states a real servable produced. */
class KeyStateSerializerTest extends SerializerTestBase<KeyState> {

    @Override
    protected TypeSerializer<KeyState> createSerializer() {
        return KeyStateSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<KeyState> getTypeClass() {
        return KeyState.class;
    }

    @Override
    protected KeyState[] getTestData() {
        Model model = TestModels.lstm(3, 5, 7, 42);
        ScoringConfig config =
                ScoringConfig.DEFAULTS
                        .withRingSize(4)
                        .withLikelihood(3, 20)
                        .withAlerts(new AlertRules(true, true, false, 0.05, 7, true, 20.0));
        ModelServable servable = new ModelServable(model, config);
        KeyState fresh = servable.newState();
        KeyState stepped = servable.newState();
        KeyState wrapped = servable.newState();
        for (int t = 0; t < 9; t++) {
            Event e = Event.numeric("k", 1000 + t, TestModels.features(1, t, 3));
            servable.process(e, wrapped);
            if (t < 2) {
                servable.process(e, stepped);
            }
        }
        KeyState quiet = wrapped.copy();
        quiet.quietLeft = 5;
        return new KeyState[] {
            KeyStateSerializer.INSTANCE.createInstance(), fresh, stepped, wrapped, quiet
        };
    }

    @Test
    void roundTripKeepsEveryField() throws IOException {
        for (KeyState s : getTestData()) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            KeyStateSerializer.INSTANCE.serialize(s, out);
            KeyState back =
                    KeyStateSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(out.getCopyOfBuffer()));
            assertEquals(s, back);
        }
    }

    @Test
    void corruptLengthIsAClearError() {
        DataOutputSerializer out = new DataOutputSerializer(64);
        byte[] bytes;
        try {
            out.writeLong(1);
            out.writeLong(2);
            out.writeInt(-5);
            bytes = out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                KeyStateSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(bytes)));
        assertTrue(e.getMessage().contains("state has length -5"), e.getMessage());
    }

    @Test
    void sameFormatIsCompatibleAsIs() {
        TypeSerializerSchemaCompatibility<KeyState> c =
                KeyStateSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(
                                KeyStateSerializer.INSTANCE.snapshotConfiguration());
        assertTrue(c.isCompatibleAsIs());
    }

    @Test
    void unknownFormatIsRefusedWithItsNumber() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new KeyStateSerializer(9));
        assertTrue(e.getMessage().contains("format 9"), e.getMessage());
    }

    @Test
    void formatOneStatesRestoreWithoutRangeOrQuietPeriod() throws IOException {
        // A checkpoint of an earlier build: written in format 1, its snapshot says format 1.
        KeyStateSerializer v1 = new KeyStateSerializer(KeyStateSerializer.FORMAT_1);
        TypeSerializerSchemaCompatibility<KeyState> c =
                KeyStateSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(v1.snapshotConfiguration());
        assertTrue(c.isCompatibleAfterMigration());
        TypeSerializer<KeyState> restored = v1.snapshotConfiguration().restoreSerializer();
        for (KeyState s : getTestData()) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            v1.serialize(s, out);
            KeyState back = restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            KeyState expected = s.copy();
            expected.rangeMin = new float[0];
            expected.rangeMax = new float[0];
            expected.quietLeft = 0;
            expected.ringCapacity = KeyState.RING_CAPACITY_UNKNOWN;
            assertEquals(expected, back);
            // Migration rewrites it in the current format, which keeps the new fields.
            DataOutputSerializer now = new DataOutputSerializer(256);
            KeyStateSerializer.INSTANCE.serialize(s, now);
            assertTrue(now.length() > out.length());
        }
    }

    @Test
    void formatTwoStatesRestoreWithTheirRingAndAnUnknownCapacity() throws IOException {
        KeyStateSerializer v2 = new KeyStateSerializer(KeyStateSerializer.FORMAT_2);
        assertTrue(
                KeyStateSerializer.INSTANCE
                        .snapshotConfiguration()
                        .resolveSchemaCompatibility(v2.snapshotConfiguration())
                        .isCompatibleAfterMigration());
        TypeSerializer<KeyState> restored = v2.snapshotConfiguration().restoreSerializer();
        for (KeyState s : getTestData()) {
            DataOutputSerializer out = new DataOutputSerializer(256);
            v2.serialize(s, out);
            KeyState back = restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            KeyState expected = s.copy();
            expected.ringCapacity = KeyState.RING_CAPACITY_UNKNOWN;
            assertEquals(expected, back);
            // Migration (RocksDB rewrites every value on restore) keeps the inline entries.
            DataOutputSerializer now = new DataOutputSerializer(256);
            KeyStateSerializer.INSTANCE.serialize(back, now);
            KeyState migrated =
                    KeyStateSerializer.INSTANCE.deserialize(
                            new DataInputDeserializer(now.getCopyOfBuffer()));
            assertEquals(expected, migrated);
        }
    }

    @Test
    void aStateWithItsRingInAStoreWritesNoEntries() throws IOException {
        KeyState s = getTestData()[3];
        int inline = length(s);
        Ring.attach(s, new MapRingStore());
        assertEquals(0, s.ringFeatures.length);
        assertEquals(4, s.ringCapacity);
        assertEquals(inline - 4 * 3 * Float.BYTES, length(s));
    }

    private static int length(KeyState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        KeyStateSerializer.INSTANCE.serialize(s, out);
        return out.length();
    }

    @Test
    void currentFormatIsThree() {
        assertEquals(3, KeyStateSerializer.INSTANCE.format());
    }
}
