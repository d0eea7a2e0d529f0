package io.keyedrnn.model.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one protobuf message's fields from a range of a byte array with protobuf-java's {@link
 * CodedInputStream}; a length-delimited field becomes a {@link Slice} of the same array (no copy),
 * checked against the bytes that remain before anything is allocated from it.
 */
final class ProtoReader {
    /** A range of the file's bytes. */
    record Slice(byte[] bytes, int offset, int length) {}

    private final byte[] bytes;
    private final int start;
    private final int end;
    private final CodedInputStream in;
    private final Budget budget;
    private final String where;
    private int field;
    private int wireType;

    ProtoReader(Slice s, Budget budget, String where) {
        this.bytes = s.bytes();
        this.start = s.offset();
        this.end = s.offset() + s.length();
        this.in = CodedInputStream.newInstance(s.bytes(), s.offset(), s.length());
        this.budget = budget;
        this.where = where;
    }

    /** Limits the objects one file may make, so a file of empty messages cannot exhaust memory. */
    static final class Budget {
        private final String source;
        private long left;

        Budget(String source, long items) {
            this.source = source;
            this.left = items;
        }

        void take(String where) throws ModelFormatException {
            if (--left < 0) {
                throw new ModelFormatException(
                        source, where + ": too many protobuf fields for a recurrent model");
            }
        }

        String source() {
            return source;
        }
    }

    /** Advances to the next field; returns its number, or 0 at the end of the message. */
    int next() throws ModelFormatException {
        try {
            if (in.isAtEnd()) {
                return 0;
            }
            int tag = in.readTag();
            field = WireFormat.getTagFieldNumber(tag);
            wireType = WireFormat.getTagWireType(tag);
            budget.take(where);
            return field;
        } catch (IOException e) {
            throw fail("bad protobuf tag: " + e.getMessage());
        }
    }

    boolean isLengthDelimited() {
        return wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    long varint(String name) throws ModelFormatException {
        expect(WireFormat.WIRETYPE_VARINT, name);
        try {
            return in.readRawVarint64();
        } catch (IOException e) {
            throw fail(name + ": bad varint: " + e.getMessage());
        }
    }

    /** A varint field that must fit an int (data types, enum values, flags). */
    int int32(String name) throws ModelFormatException {
        long v = varint(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(name + " = " + v + " is out of range");
        }
        return (int) v;
    }

    float fixedFloat(String name) throws ModelFormatException {
        expect(WireFormat.WIRETYPE_FIXED32, name);
        try {
            return Float.intBitsToFloat(in.readRawLittleEndian32());
        } catch (IOException e) {
            throw fail(name + ": truncated float: " + e.getMessage());
        }
    }

    /** The length-delimited field's bytes, checked to lie inside this message. */
    Slice slice(String name) throws ModelFormatException {
        expect(WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
        try {
            int length = in.readRawVarint32();
            int at = start + in.getTotalBytesRead();
            if (length < 0 || length > end - at) {
                throw fail(name + " claims " + length + " bytes but " + (end - at) + " remain");
            }
            in.skipRawBytes(length);
            return new Slice(bytes, at, length);
        } catch (IOException e) {
            throw fail(name + ": bad length: " + e.getMessage());
        }
    }

    /** A nested message's reader. */
    ProtoReader message(String name) throws ModelFormatException {
        return new ProtoReader(slice(name), budget, where + "." + name);
    }

    /** A string field, refused unless it is valid UTF-8. */
    String string(String name) throws ModelFormatException {
        Slice s = slice(name);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(s.bytes(), s.offset(), s.length()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(name + " is not valid UTF-8");
        }
    }

    /** Skips a field this reader does not use. */
    void skip() throws ModelFormatException {
        try {
            if (wireType == WireFormat.WIRETYPE_START_GROUP
                    || wireType == WireFormat.WIRETYPE_END_GROUP) {
                throw fail("field " + field + " uses protobuf groups, which ONNX never does");
            }
            in.skipField((field << 3) | wireType);
        } catch (IOException e) {
            throw fail("cannot skip field " + field + ": " + e.getMessage());
        }
    }

    ModelFormatException fail(String problem) {
        return new ModelFormatException(budget.source(), where + ": " + problem);
    }

    Budget budget() {
        return budget;
    }

    String where() {
        return where;
    }

    private void expect(int type, String name) throws ModelFormatException {
        if (wireType != type) {
            throw fail(name + " (field " + field + ") has protobuf wire type " + wireType);
        }
    }
}
