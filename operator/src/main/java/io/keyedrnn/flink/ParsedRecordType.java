package io.keyedrnn.flink;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information that gives {@link ParsedRecord} its own {@link ParsedRecordSerializer}. */
public final class ParsedRecordType extends TypeInformation<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    public static final ParsedRecordType INSTANCE = new ParsedRecordType();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<ParsedRecord> getTypeClass() {
        return ParsedRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ParsedRecord> createSerializer(SerializerConfig config) {
        return ParsedRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "ParsedRecord";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedRecordType;
    }

    @Override
    public int hashCode() {
        return ParsedRecordType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof ParsedRecordType;
    }
}
