package io.keyedrnn.flink;

import io.keyedrnn.score.AnomalyLikelihood;
import io.keyedrnn.serve.KeyState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link KeyState} field by field (no Kryo, no POJO reflection).
 *
 * <p>Format 1, in order: modelVersion, inputSignature (long); state, prediction (float arrays);
 * eventCount, stepsSinceReset, lastTimestamp (long); errorStats count (long), mean, m2 (double);
 * likelihood recent (float array), recentPos, recentCount (int), longCount (long), longMean,
 * longVar (double); ringFeatures (float array), ringTokens (int array), ringHead, ringCount (int).
 * An array is its length (int) then its elements.
 *
 * <p>Format 2 appends rangeMin, rangeMax (float arrays) and quietLeft (int). Format 3 (current)
 * adds ringCapacity (int) after ringCount: the ring's entries live in the job's ring state ({@link
 * RingState}), so its two arrays are empty unless a state restored from format 1 or 2 still holds
 * them ({@link io.keyedrnn.serve.Ring#attach} moves them on the key's first access). The format
 * number lives in the {@link KeyStateSerializerSnapshot}; a serializer restored for an older format
 * reads and writes that format (its new fields start empty and 0, the ring capacity unknown), so
 * checkpoints of earlier builds restore.
 */
public final class KeyStateSerializer extends TypeSerializer<KeyState> {
    private static final long serialVersionUID = 1L;

    /** The format this version of keyed-rnn writes. */
    public static final int CURRENT_FORMAT = 3;

    /** The first format, without the value range and quiet period. */
    static final int FORMAT_1 = 1;

    /** The format with the ring's entries inside the key state, without its capacity. */
    static final int FORMAT_2 = 2;

    /** The first format whose ring entries live in the ring state: it adds the ring's capacity. */
    static final int RING_STATE_FORMAT = 3;

    /** Longest array a state may hold; a longer length means corrupt bytes, not a big model. */
    static final int MAX_ARRAY = 1 << 26;

    public static final KeyStateSerializer INSTANCE = new KeyStateSerializer(CURRENT_FORMAT);

    private final int format;

    KeyStateSerializer(int format) {
        if (format < FORMAT_1 || format > CURRENT_FORMAT) {
            throw new IllegalArgumentException(
                    "unknown key state format " + format + " (this build reads 1 to 3)");
        }
        this.format = format;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<KeyState> duplicate() {
        return this; // stateless
    }

    @Override
    public KeyState createInstance() {
        KeyState s = new KeyState();
        s.state = new float[0];
        s.prediction = new float[0];
        return s;
    }

    @Override
    public KeyState copy(KeyState from) {
        return from.copy();
    }

    @Override
    public KeyState copy(KeyState from, KeyState reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(KeyState s, DataOutputView out) throws IOException {
        out.writeLong(s.modelVersion);
        out.writeLong(s.inputSignature);
        ArrayIo.writeFloats(s.state, out);
        ArrayIo.writeFloats(s.prediction, out);
        out.writeLong(s.eventCount);
        out.writeLong(s.stepsSinceReset);
        out.writeLong(s.lastTimestamp);
        out.writeLong(s.errorStats.count);
        out.writeDouble(s.errorStats.mean);
        out.writeDouble(s.errorStats.m2);
        AnomalyLikelihood l = s.likelihood;
        ArrayIo.writeFloats(l.recent, out);
        out.writeInt(l.recentPos);
        out.writeInt(l.recentCount);
        out.writeLong(l.longCount);
        out.writeDouble(l.longMean);
        out.writeDouble(l.longVar);
        writeRing(s, out, format);
        if (format >= FORMAT_2) {
            ArrayIo.writeFloats(s.rangeMin, out);
            ArrayIo.writeFloats(s.rangeMax, out);
            out.writeInt(s.quietLeft);
        }
    }

    @Override
    public KeyState deserialize(DataInputView in) throws IOException {
        KeyState s = new KeyState();
        s.modelVersion = in.readLong();
        s.inputSignature = in.readLong();
        s.state = ArrayIo.readFloats(in, "state");
        s.prediction = ArrayIo.readFloats(in, "prediction");
        s.eventCount = in.readLong();
        s.stepsSinceReset = in.readLong();
        s.lastTimestamp = in.readLong();
        s.errorStats.count = in.readLong();
        s.errorStats.mean = in.readDouble();
        s.errorStats.m2 = in.readDouble();
        AnomalyLikelihood l = new AnomalyLikelihood(0);
        l.recent = ArrayIo.readFloats(in, "likelihood window");
        l.recentPos = in.readInt();
        l.recentCount = in.readInt();
        l.longCount = in.readLong();
        l.longMean = in.readDouble();
        l.longVar = in.readDouble();
        s.likelihood = l;
        readRing(s, in, format);
        if (format >= FORMAT_2) {
            s.rangeMin = ArrayIo.readFloats(in, "range min");
            s.rangeMax = ArrayIo.readFloats(in, "range max");
            s.quietLeft = in.readInt();
        }
        return s;
    }

    /** The ring: entries kept inline (empty once in the ring state), head, count, capacity (3). */
    static void writeRing(KeyState s, DataOutputView out, int format) throws IOException {
        ArrayIo.writeFloats(s.ringFeatures, out);
        ArrayIo.writeInts(s.ringTokens, out);
        out.writeInt(s.ringHead);
        out.writeInt(s.ringCount);
        if (format >= RING_STATE_FORMAT) {
            out.writeInt(s.ringCapacity);
        }
    }

    /** Reads what {@link #writeRing} wrote; formats 1 and 2 leave the capacity unknown. */
    static void readRing(KeyState s, DataInputView in, int format) throws IOException {
        s.ringFeatures = ArrayIo.readFloats(in, "ring features");
        s.ringTokens = ArrayIo.readInts(in, "ring tokens");
        s.ringHead = in.readInt();
        s.ringCount = in.readInt();
        s.ringCapacity =
                format >= RING_STATE_FORMAT ? in.readInt() : KeyState.RING_CAPACITY_UNKNOWN;
    }

    @Override
    public KeyState deserialize(KeyState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyStateSerializer k && k.format == format;
    }

    @Override
    public int hashCode() {
        return KeyStateSerializer.class.hashCode() * 31 + format;
    }

    @Override
    public TypeSerializerSnapshot<KeyState> snapshotConfiguration() {
        return new KeyStateSerializerSnapshot(format);
    }

    int format() {
        return format;
    }
}
