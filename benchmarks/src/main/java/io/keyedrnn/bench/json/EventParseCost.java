package io.keyedrnn.bench.json;

import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Thread CPU time of the parse stage's {@link EventParser} per event record (key, timestamp, four
 * features as producers write floats), best of 30 rounds of 100,000 records; not a test.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.keyedrnn.bench.json.EventParseCost</pre>
 */
public final class EventParseCost {
    private static final int RECORDS = 10_000;
    private static final int ROUNDS = 30;
    private static final int PASSES = 10;

    private EventParseCost() {}

    public static void main(String[] args) {
        EventParser parser = EventParser.numeric(EventFields.DEFAULT, 4);
        byte[][] records = records(new Random(1));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int pass = 0; pass < PASSES; pass++) {
                for (byte[] r : records) {
                    sink += parser.parse(r).event().getFeatures().length;
                }
            }
            long ns = mx.getCurrentThreadCpuTime() - t0;
            best = Math.min(best, ns / (double) (PASSES * RECORDS));
        }
        System.out.printf("parse: %.0f ns per record (checksum %d)%n", best, sink);
    }

    private static byte[][] records(Random rnd) {
        byte[][] records = new byte[RECORDS][];
        for (int i = 0; i < RECORDS; i++) {
            String json =
                    "{\"key\":\"host-"
                            + i
                            + "\",\"ts\":"
                            + (1_700_000_000_000L + i)
                            + ",\"features\":["
                            + (float) rnd.nextGaussian()
                            + ","
                            + (float) rnd.nextGaussian()
                            + ","
                            + (float) (100 * rnd.nextGaussian())
                            + ","
                            + (float) rnd.nextGaussian()
                            + "]}";
            records[i] = json.getBytes(StandardCharsets.UTF_8);
        }
        return records;
    }
}
