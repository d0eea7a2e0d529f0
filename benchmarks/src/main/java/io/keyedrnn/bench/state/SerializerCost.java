package io.keyedrnn.bench.state;

import io.keyedrnn.flink.KeyStateSerializer;
import io.keyedrnn.serve.KeyState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Thread CPU time of {@link KeyStateSerializer} per key state, as RocksDB's value state uses it on
 * every event: serialise into a reused buffer ({@code update}), deserialise a new object ({@code
 * value}). Best of five rounds over all keys.
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
}
