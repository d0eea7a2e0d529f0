package io.keyedrnn.bench.state;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.function.Supplier;

/** Heap bytes per key of states made by a supplier: used heap after GC, with and without them. */
final class HeapFootprint {
    private static final MemoryMXBean MX = ManagementFactory.getMemoryMXBean();

    private HeapFootprint() {}

    static long perKey(Supplier<Object> make, int keys) {
        long before = usedAfterGc();
        Object held = make.get();
        long after = usedAfterGc();
        if (held.hashCode() == 42) {
            System.out.print(""); // keeps the states reachable until measured
        }
        return (after - before) / keys;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MX.getHeapMemoryUsage().getUsed();
    }
}
