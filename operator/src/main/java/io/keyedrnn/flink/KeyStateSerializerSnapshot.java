package io.keyedrnn.flink;

import io.keyedrnn.serve.KeyState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Records which {@link KeyStateSerializer} format wrote a checkpoint, so a later build can read it:
 * same format is compatible as is, an older known one after migration, anything else not.
 */
public final class KeyStateSerializerSnapshot implements TypeSerializerSnapshot<KeyState> {
    /** Version of this snapshot's own layout (one int: the state format). */
    private static final int SNAPSHOT_VERSION = 1;

    private int format;

    /** For Flink's reflective instantiation on restore. */
    public KeyStateSerializerSnapshot() {
        this(KeyStateSerializer.CURRENT_FORMAT);
    }

    KeyStateSerializerSnapshot(int format) {
        this.format = format;
    }

    @Override
    public int getCurrentVersion() {
        return SNAPSHOT_VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader loader)
            throws IOException {
        if (readVersion != SNAPSHOT_VERSION) {
            throw new IOException(
                    "key state serializer snapshot version "
                            + readVersion
                            + " is unknown to this build (it reads "
                            + SNAPSHOT_VERSION
                            + ")");
        }
        format = in.readInt();
    }

    @Override
    public TypeSerializer<KeyState> restoreSerializer() {
        return new KeyStateSerializer(format);
    }

    @Override
    public TypeSerializerSchemaCompatibility<KeyState> resolveSchemaCompatibility(
            TypeSerializerSnapshot<KeyState> old) {
        if (!(old instanceof KeyStateSerializerSnapshot o)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (o.format == format) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return o.format < format
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }

    int format() {
        return format;
    }
}
