package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model within the file-size cap whose tensors, decoded to float32, do not fit in the heap is a
 * ModelFormatException decided on the header, not an OutOfMemoryError (issue 11, part 5).
 */
class ModelFileHeapTest {
    @TempDir Path tmp;

    /**
     * A sparse file whose header describes an F16 RNN of hidden size {@code hidden} and one input;
     * its data region is zeros the file system never stores.
     */
    private Path sparseF16Rnn(int hidden) throws Exception {
        long ih = 2L * hidden;
        long hh = 2L * hidden * hidden;
        String header =
                String.format(
                        "{\"weight_ih_l0\":{\"dtype\":\"F16\",\"shape\":[%d,1],"
                                + "\"data_offsets\":[0,%d]},"
                                + "\"weight_hh_l0\":{\"dtype\":\"F16\",\"shape\":[%d,%d],"
                                + "\"data_offsets\":[%d,%d]}}",
                        hidden, ih, hidden, hidden, ih, ih + hh);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path p = tmp.resolve("huge-f16.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            f.write(len.putLong(0, h.length).array());
            f.write(h);
            f.setLength(8 + h.length + ih + hh);
        }
        return p;
    }

    @Test
    void aTwoGigabyteF16ModelUnderTheSizeCapIsRefusedNotAnOutOfMemoryError() throws Exception {
        // 32000² F16 weights: 2.05 GB on disk, under the 2 GiB cap; 4.1 GB once float32.
        Path p = sparseF16Rnn(32_000);
        assertTrue(Files.size(p) < ModelFile.DEFAULT_MAX_FILE_BYTES);
        long needed = HeapBudget.COPIES * 4L * (32_000L * 32_000 + 32_000);
        assumeTrue(needed > Runtime.getRuntime().maxMemory(), "this JVM has a very large heap");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("4096128000 bytes as float32"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void theBudgetCountsFloat32NotTheFileBytes() throws Exception {
        Path p = sparseF16Rnn(100);
        long float32 = 4L * (100 * 100 + 100);
        // The F16 file holds half as many bytes as the budget must allow for.
        assertEquals(float32 / 2, Files.size(p) - 8 - headerLength(p));
        long justShort = HeapBudget.COPIES * float32 * 10 / 9 - 16;
        ModelFormatException e =
                assertThrows(
                        ModelFormatException.class,
                        () -> ModelFile.read(p, Long.MAX_VALUE, HeapBudget.fixed(justShort)));
        assertTrue(e.getMessage().contains(float32 + " bytes as float32"), e.getMessage());
        Model m = ModelFile.read(p, Long.MAX_VALUE, HeapBudget.fixed(10 * float32));
        assertEquals(100, m.network().topHiddenSize());
    }

    @Test
    void noFreeHeapRefusesEvenASmallModel() throws Exception {
        Path p = tmp.resolve("small.safetensors");
        Files.write(p, RawSafetensors.plain(4, 2, 3, 1, 2).bytes());
        assertThrows(
                ModelFormatException.class, () -> ModelFile.read(p, 1 << 20, HeapBudget.fixed(0)));
        assertThrows(
                ModelFormatException.class, () -> ModelFile.read(p, 1 << 20, HeapBudget.fixed(-5)));
        ModelFile.read(p, 1 << 20, HeapBudget.fixed(1 << 20));
    }

    @Test
    void garbageIsCollectedBeforeAModelThatCouldFitIsRefused() throws Exception {
        Path p = sparseF16Rnn(100);
        long needed = HeapBudget.COPIES * 4L * (100 * 100 + 100);
        long[] free = {needed / 2};
        int[] collections = {0};
        Runnable collect =
                () -> {
                    collections[0]++;
                    free[0] = 2 * needed;
                };
        ModelFile.read(p, Long.MAX_VALUE, new HeapBudget(() -> free[0], 4 * needed, collect));
        assertEquals(1, collections[0]);
        // A model that would not fit even in an empty heap is refused without a collection.
        free[0] = needed / 2;
        HeapBudget small = new HeapBudget(() -> free[0], needed, collect);
        assertThrows(ModelFormatException.class, () -> ModelFile.read(p, Long.MAX_VALUE, small));
        assertEquals(1, collections[0]);
    }

    private static long headerLength(Path p) throws Exception {
        byte[] first = new byte[8];
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            f.readFully(first);
        }
        return ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
