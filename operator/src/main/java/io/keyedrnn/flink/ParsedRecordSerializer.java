package io.keyedrnn.flink;

import io.keyedrnn.serve.Event;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link ParsedRecord} field by field for the shuffle between parsing and the keyed step
 * (Flink's POJO serializer costs reflection per record). Layout: key, timestamp, flags (features,
 * token, value present), features (length + floats), token, then the source: value (length +
 * bytes), topic, partition, offset, record timestamp.
 */
public final class ParsedRecordSerializer extends TypeSerializer<ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final int FEATURES = 1;
    private static final int TOKEN = 2;
    private static final int VALUE = 4;
    private static final int END = 8;

    public static final ParsedRecordSerializer INSTANCE = new ParsedRecordSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ParsedRecord> duplicate() {
        return this;
    }

    @Override
    public ParsedRecord createInstance() {
        return new ParsedRecord(new Event(), new RawRecord());
    }

    @Override
    public ParsedRecord copy(ParsedRecord from) {
        Event e = from.event;
        Event c = new Event();
        c.setKey(e.getKey());
        c.setTimestamp(e.getTimestamp());
        c.setFeatures(e.getFeatures() == null ? null : e.getFeatures().clone());
        c.setToken(e.getToken());
        RawRecord s = from.source;
        byte[] v = s.value == null ? null : s.value.clone();
        return new ParsedRecord(c, new RawRecord(v, s.topic, s.partition, s.offset, s.timestamp));
    }

    @Override
    public ParsedRecord copy(ParsedRecord from, ParsedRecord reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ParsedRecord r, DataOutputView out) throws IOException {
        Event e = r.event;
        RawRecord s = r.source;
        StringSerializer.INSTANCE.serialize(e.getKey(), out);
        out.writeLong(e.getTimestamp());
        int flags =
                (e.getFeatures() != null ? FEATURES : 0)
                        | (e.getToken() != null ? TOKEN : 0)
                        | (s.value != null ? VALUE : 0)
                        | (e.isEnd() ? END : 0);
        out.writeByte(flags);
        if (e.getFeatures() != null) {
            ArrayIo.writeFloats(e.getFeatures(), out);
        }
        if (e.getToken() != null) {
            StringSerializer.INSTANCE.serialize(e.getToken(), out);
        }
        if (s.value != null) {
            out.writeInt(s.value.length);
            out.write(s.value);
        }
        StringSerializer.INSTANCE.serialize(s.topic, out);
        out.writeInt(s.partition);
        out.writeLong(s.offset);
        out.writeLong(s.timestamp);
    }

    @Override
    public ParsedRecord deserialize(DataInputView in) throws IOException {
        Event e = new Event();
        e.setKey(StringSerializer.INSTANCE.deserialize(in));
        e.setTimestamp(in.readLong());
        int flags = in.readByte();
        e.setEnd((flags & END) != 0);
        if ((flags & FEATURES) != 0) {
            e.setFeatures(ArrayIo.readFloats(in, "features"));
        }
        if ((flags & TOKEN) != 0) {
            e.setToken(StringSerializer.INSTANCE.deserialize(in));
        }
        RawRecord s = new RawRecord();
        if ((flags & VALUE) != 0) {
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("corrupt record: value length " + n);
            }
            s.value = new byte[n];
            in.readFully(s.value);
        }
        s.topic = StringSerializer.INSTANCE.deserialize(in);
        s.partition = in.readInt();
        s.offset = in.readLong();
        s.timestamp = in.readLong();
        return new ParsedRecord(e, s);
    }

    @Override
    public ParsedRecord deserialize(ParsedRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedRecordSerializer;
    }

    @Override
    public int hashCode() {
        return ParsedRecordSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ParsedRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Stateless serializer: the snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
