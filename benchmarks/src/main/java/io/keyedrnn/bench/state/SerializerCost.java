package io.keyedrnn.bench.state;

import io.keyedrnn.flink.KeyStateSerializer;
import io.keyedrnn.serve.KeyState;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;

/**
 * Thread CPU time of {@link KeyStateSerializer} per key state, as RocksDB's value state uses it on
 * every event: serialise into a reused buffer ({@code update}), deserialise a new object ({@code
 * value}), and into a buffered stream, as a heap backend's checkpoint writes every key. Best of
 * five rounds over all keys.
 */
final class SerializerCost {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 5;

    private SerializerCost() {}

    /** {serialise ns, deserialise ns} per state. */
    static double[] nsPerEvent(KeyState[] states) throws IOException {
        KeyStateSerializer ser = KeyStateSerializer.INSTANCE;
        DataOutputSerializer out = new DataOutputSerializer(4096);
        byte[][] bytes = new byte[states.length][];
        DataInputDeserializer in = new DataInputDeserializer();
        double bestSer = Double.MAX_VALUE;
        double bestDeser = Double.MAX_VALUE;
        long sink = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (int k = 0; k < states.length; k++) {
                out.clear();
                ser.serialize(states[k], out);
                bytes[k] = out.getCopyOfBuffer();
            }
            long t1 = MX.getCurrentThreadCpuTime();
            for (byte[] b : bytes) {
                in.setBuffer(b);
                sink += ser.deserialize(in).eventCount;
            }
            long t2 = MX.getCurrentThreadCpuTime();
            bestSer = Math.min(bestSer, (t1 - t0) / (double) states.length);
            bestDeser = Math.min(bestDeser, (t2 - t1) / (double) states.length);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {bestSer, bestDeser};
    }

    /**
     * Serialise ns per state into a buffered stream (what a heap backend's full checkpoint does
     * with every key's state, through a {@link DataOutputViewStreamWrapper}).
     */
    static double streamNsPerState(KeyState[] states) throws IOException {
        KeyStateSerializer ser = KeyStateSerializer.INSTANCE;
        DataOutputViewStreamWrapper out =
                new DataOutputViewStreamWrapper(
                        new BufferedOutputStream(OutputStream.nullOutputStream(), 4096));
        double best = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = MX.getCurrentThreadCpuTime();
            for (KeyState s : states) {
                ser.serialize(s, out);
            }
            best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / (double) states.length);
        }
        return best;
    }
}
