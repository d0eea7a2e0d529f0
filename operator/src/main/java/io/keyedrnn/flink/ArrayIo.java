package io.keyedrnn.flink;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Length-prefixed primitive arrays for the state serializers. */
final class ArrayIo {
    private ArrayIo() {}

    static void writeFloats(float[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputView in, String what) throws IOException {
        float[] a = new float[length(in, what)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    static void writeInts(int[] a, DataOutputView out) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    static int[] readInts(DataInputView in, String what) throws IOException {
        int[] a = new int[length(in, what)];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
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
