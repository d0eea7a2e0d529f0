package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

/** The block-copied arrays are byte for byte what element-wise writeFloat/writeInt write. */
class ArrayIoTest {
    private static final int[] LENGTHS = {0, 1, 7, 1023, 1024, 1025, 2048, 3001};
    private static final float[] EDGES = {
        0f,
        -0f,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MIN_NORMAL,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        1f,
        -1f,
        0.1f,
        1e-38f
    };

    @Test
    void floatsMatchElementWiseBytesAndRoundTrip() throws IOException {
        Random rnd = new Random(7);
        for (int n : LENGTHS) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = i < EDGES.length ? EDGES[i] : randomNonNaN(rnd);
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            DataOutputStream element = new DataOutputStream(expected);
            element.writeInt(n);
            for (float v : a) {
                element.writeFloat(v);
            }
            byte[] viaStream = viaStream(out -> ArrayIo.writeFloats(a, out));
            byte[] viaSerializer = viaSerializer(out -> ArrayIo.writeFloats(a, out));
            assertArrayEquals(expected.toByteArray(), viaStream, "stream, length " + n);
            assertArrayEquals(expected.toByteArray(), viaSerializer, "serializer, length " + n);
            float[] back = ArrayIo.readFloats(new DataInputDeserializer(viaStream), "x");
            assertTrue(sameBits(a, back), "round trip, length " + n);
        }
    }

    @Test
    void intsMatchElementWiseBytesAndRoundTrip() throws IOException {
        Random rnd = new Random(11);
        for (int n : LENGTHS) {
            int[] a = rnd.ints(n).toArray();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            DataOutputStream element = new DataOutputStream(expected);
            element.writeInt(n);
            for (int v : a) {
                element.writeInt(v);
            }
            byte[] bytes = viaStream(out -> ArrayIo.writeInts(a, out));
            assertArrayEquals(expected.toByteArray(), bytes, "length " + n);
            assertArrayEquals(a, ArrayIo.readInts(new DataInputDeserializer(bytes), "x"));
        }
    }

    @Test
    void truncatedArrayIsAnErrorNotAShortArray() throws IOException {
        byte[] bytes = viaStream(out -> ArrayIo.writeFloats(new float[1500], out));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(
                EOFException.class, () -> ArrayIo.readFloats(new DataInputDeserializer(cut), "x"));
        byte[] cutInts = Arrays.copyOf(viaStream(out -> ArrayIo.writeInts(new int[5], out)), 10);
        assertThrows(
                EOFException.class,
                () -> ArrayIo.readInts(new DataInputDeserializer(cutInts), "x"));
    }

    @Test
    void negativeOrHugeLengthNamesTheArray() throws IOException {
        byte[] bytes = viaStream(out -> out.writeInt(-1));
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                ArrayIo.readFloats(
                                        new DataInputDeserializer(bytes), "ring features"));
        assertTrue(e.getMessage().contains("ring features"), e.getMessage());
        byte[] huge = viaStream(out -> out.writeInt(KeyStateSerializer.MAX_ARRAY + 1));
        IOException tooLong =
                assertThrows(
                        IOException.class,
                        () -> ArrayIo.readInts(new DataInputDeserializer(huge), "ring tokens"));
        assertTrue(tooLong.getMessage().contains("ring tokens"), tooLong.getMessage());
        assertTrue(
                tooLong.getMessage().contains(String.valueOf(KeyStateSerializer.MAX_ARRAY + 1)),
                tooLong.getMessage());
    }

    /** Any float but NaN (no NaN enters a key's state; writeFloat folds NaN payloads anyway). */
    private static float randomNonNaN(Random rnd) {
        float v = Float.intBitsToFloat(rnd.nextInt());
        return Float.isNaN(v) ? 0.5f : v;
    }

    private static boolean sameBits(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    private interface Write<T> {
        void to(T out) throws IOException;
    }

    private static byte[] viaStream(Write<DataOutputViewStreamWrapper> w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.to(new DataOutputViewStreamWrapper(bytes));
        return bytes.toByteArray();
    }

    private static byte[] viaSerializer(Write<DataOutputSerializer> w) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        w.to(out);
        return out.getCopyOfBuffer();
    }
}
