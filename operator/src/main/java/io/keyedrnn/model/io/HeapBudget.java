package io.keyedrnn.model.io;

import java.util.Collection;
import java.util.function.LongSupplier;

/**
 * Whether a model's tensors fit in the heap once decoded to float32, checked on the header before
 * any tensor is allocated, so a model too large for the JVM is a {@link ModelFormatException}
 * rather than an {@link OutOfMemoryError}. F16 and BF16 tensors double in size when decoded.
 *
 * @param free heap that can still be allocated now (maximum less what is in use)
 * @param max the most the heap can ever hold
 * @param collect frees garbage, so that {@code free} no longer counts it as in use
 */
record HeapBudget(LongSupplier free, long max, Runnable collect) {
    /** Loading holds each decoded tensor and the network's own copy of it at the same time. */
    static final int COPIES = 2;

    /** Heap left for other work: a tenth of what is free, so loading never runs the heap dry. */
    static final int MARGIN_DIVISOR = 10;

    /** This JVM's heap. */
    static final HeapBudget RUNTIME =
            new HeapBudget(
                    () -> {
                        Runtime r = Runtime.getRuntime();
                        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
                    },
                    Runtime.getRuntime().maxMemory(),
                    System::gc);

    /** A heap with {@code bytes} free and nothing to collect (for tests). */
    static HeapBudget fixed(long bytes) {
        return new HeapBudget(() -> bytes, bytes, () -> {});
    }

    private static long usable(long free) {
        long f = Math.max(0, free);
        return f - f / MARGIN_DIVISOR;
    }

    /** Bytes the tensors take as float32 (saturating at Long.MAX_VALUE). */
    static long float32Bytes(Collection<TensorInfo> tensors) {
        long total = 0;
        for (TensorInfo t : tensors) {
            long bytes =
                    t.elementCount() > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * t.elementCount();
            total = total > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : total + bytes;
        }
        return total;
    }

    /** Throws unless {@link #COPIES} of the tensors' float32 size fit in the free heap. */
    void check(Collection<TensorInfo> tensors, String source) throws ModelFormatException {
        long float32 = float32Bytes(tensors);
        long needed = float32 > Long.MAX_VALUE / COPIES ? Long.MAX_VALUE : COPIES * float32;
        long usable = usable(free.getAsLong());
        if (needed > usable && needed <= usable(max)) {
            // "In use" counts garbage too: before refusing a model that could fit, look again
            // after a collection (a rare path: only models near the free heap's size reach it).
            collect.run();
            usable = usable(free.getAsLong());
        }
        if (needed > usable) {
            throw new ModelFormatException(
                    source,
                    "the tensors take "
                            + float32
                            + " bytes as float32, and loading needs "
                            + needed
                            + " bytes of heap, more than the "
                            + usable
                            + " this JVM has free (max heap less what is in use, less "
                            + (100 / MARGIN_DIVISOR)
                            + "%); give it more heap (-Xmx) or load a smaller model");
        }
    }
}
