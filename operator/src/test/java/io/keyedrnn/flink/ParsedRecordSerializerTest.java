package io.keyedrnn.flink;

import io.keyedrnn.serve.Event;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's serializer contract for the record shuffled between parsing and the keyed step. */
class ParsedRecordSerializerTest extends SerializerTestBase<ParsedRecord> {
    ParsedRecordSerializerTest() {
        super(
                new DeeplyEqualsChecker()
                        .withCustomCheck(
                                (a, b) -> a instanceof ParsedRecord && b instanceof ParsedRecord,
                                (a, b, checker) -> same((ParsedRecord) a, (ParsedRecord) b)));
    }

    private static boolean same(ParsedRecord a, ParsedRecord b) {
        Event x = a.event;
        Event y = b.event;
        return Objects.equals(x.getKey(), y.getKey())
                && x.getTimestamp() == y.getTimestamp()
                && Arrays.equals(x.getFeatures(), y.getFeatures())
                && Objects.equals(x.getToken(), y.getToken())
                && Arrays.equals(a.source.value, b.source.value)
                && Objects.equals(a.source.topic, b.source.topic)
                && a.source.partition == b.source.partition
                && a.source.offset == b.source.offset
                && a.source.timestamp == b.source.timestamp;
    }

    @Override
    protected TypeSerializer<ParsedRecord> createSerializer() {
        return ParsedRecordSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ParsedRecord> getTypeClass() {
        return ParsedRecord.class;
    }

    @Override
    protected ParsedRecord[] getTestData() {
        byte[] json = "{\"key\":\"a\"}".getBytes(StandardCharsets.UTF_8);
        return new ParsedRecord[] {
            new ParsedRecord(
                    Event.numeric(
                            "host-1", 1700000000000L, new float[] {1.5f, -2f, Float.MIN_VALUE}),
                    new RawRecord(json, "events", 3, 42, 1700000000001L)),
            new ParsedRecord(
                    Event.categorical("s", Event.NO_TIMESTAMP, "E5"),
                    new RawRecord(null, "", 0, 0, RawRecord.NO_TIMESTAMP)),
            new ParsedRecord(
                    Event.numeric("ключ", -1, new float[0]),
                    new RawRecord(new byte[0], "t", Integer.MAX_VALUE, Long.MAX_VALUE, 0)),
        };
    }
}
