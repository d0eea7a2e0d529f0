package io.keyedrnn.flink;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Length-prefixed primitive arrays for the state serializers: a length, then each element's four
 * big-endian bytes, as {@code writeFloat}/{@code writeInt} would write them one by one.
 */
final class ArrayIo {
    /**
     * Elements per block copied through a byte buffer: one {@code write} per block instead of four
     * single-byte writes per element, which is what a checkpoint stream does with {@code writeInt}.
     */
    private static final int BLOCK = 1024;

    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private ArrayIo() {}

    static void writeFloats(float[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[Integer.BYTES * Math.min(a.length, BLOCK)];
        for (int from = 0; from < a.length; from += BLOCK) {
            int n = Math.min(BLOCK, a.length - from);
            for (int i = 0; i < n; i++) {
                BIG_ENDIAN_INT.set(buf, Integer.BYTES * i, Float.floatToIntBits(a[from + i]));
            }
            out.write(buf, 0, Integer.BYTES * n);
        }
    }

    static float[] readFloats(DataInputView in, String what) throws IOException {
        float[] a = new float[length(in, what)];
        byte[] buf = new byte[Integer.BYTES * Math.min(a.length, BLOCK)];
        for (int from = 0; from < a.length; from += BLOCK) {
            int n = Math.min(BLOCK, a.length - from);
            in.readFully(buf, 0, Integer.BYTES * n);
            for (int i = 0; i < n; i++) {
                a[from + i] =
                        Float.intBitsToFloat((int) BIG_ENDIAN_INT.get(buf, Integer.BYTES * i));
            }
        }
        return a;
    }

    static void writeInts(int[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        byte[] buf = new byte[Integer.BYTES * Math.min(a.length, BLOCK)];
        for (int from = 0; from < a.length; from += BLOCK) {
            int n = Math.min(BLOCK, a.length - from);
            for (int i = 0; i < n; i++) {
                BIG_ENDIAN_INT.set(buf, Integer.BYTES * i, a[from + i]);
            }
            out.write(buf, 0, Integer.BYTES * n);
        }
    }

    static int[] readInts(DataInputView in, String what) throws IOException {
        int[] a = new int[length(in, what)];
        byte[] buf = new byte[Integer.BYTES * Math.min(a.length, BLOCK)];
        for (int from = 0; from < a.length; from += BLOCK) {
            int n = Math.min(BLOCK, a.length - from);
            in.readFully(buf, 0, Integer.BYTES * n);
            for (int i = 0; i < n; i++) {
                a[from + i] = (int) BIG_ENDIAN_INT.get(buf, Integer.BYTES * i);
            }
        }
        return a;
    }

    private static int length(DataInputView in, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > KeyStateSerializer.MAX_ARRAY) {
            throw new IOException("corrupt key state: " + what + " has length " + n);
        }
        return n;
    }
}
