package io.keyedrnn.jobs.eval.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.eval.EvalData;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxiAndHdfsTest {
    private static final Path DATA = EvalData.dir();

    @Test
    void taxiSkipsThreeHeaderLines() {
        TaxiSeries t = TaxiCsv.read(DATA.resolve("cui2016").resolve("nyc_taxi.csv"));
        // README: 17,520 half-hour rows from 2014-07-01 00:00 to 2015-06-30 23:30.
        assertEquals(17_520, t.size());
        assertEquals(LocalDateTime.of(2014, 7, 1, 0, 0), t.timestamps()[0]);
        assertEquals(LocalDateTime.of(2015, 6, 30, 23, 30), t.timestamps()[t.size() - 1]);
        // First data line of the file: 2014-07-01 00:00:00,10844,0,1 (a Tuesday).
        assertEquals(10844.0, t.counts()[0]);
        assertEquals(30, t.timeOfDay()[1]);
        assertEquals(1, t.dayOfWeek()[0]);
    }

    @Test
    void hdfsSessionsMatchTheReadmeCounts() {
        List<int[]> train = HdfsSessions.read(DATA.resolve("hdfs").resolve("hdfs_train"), 28);
        List<int[]> abnormal =
                HdfsSessions.read(DATA.resolve("hdfs").resolve("hdfs_test_abnormal"), 28);
        // README table: 4,855 / 16,838 sessions, 95,125 / 284,818 keys, 14 / 28 distinct ids.
        assertEquals(4_855, train.size());
        assertEquals(16_838, abnormal.size());
        assertEquals(95_125, train.stream().mapToInt(s -> s.length).sum());
        assertEquals(284_818, abnormal.stream().mapToInt(s -> s.length).sum());
        assertEquals(14, distinct(train));
        assertEquals(28, distinct(abnormal));
        // Line 1 of hdfs_train is "5 5 5 22 11 9 ..." (1-based ids, stored 0-based).
        assertArrayEquals(new int[] {4, 4, 4, 21, 10, 8}, java.util.Arrays.copyOf(train.get(0), 6));
    }

    @Test
    void badSessionsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s");
        Files.writeString(f, "1 2 3 \n4 29 ");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HdfsSessions.read(f, 28));
        assertTrue(e.getMessage().contains("s:2") && e.getMessage().contains("29"), e.getMessage());
        Files.writeString(f, "1 2 3\n\n4");
        e = assertThrows(IllegalArgumentException.class, () -> HdfsSessions.read(f, 28));
        assertTrue(e.getMessage().contains("s:2: empty session"), e.getMessage());
        Files.writeString(f, "1 x");
        assertThrows(IllegalArgumentException.class, () -> HdfsSessions.read(f, 28));
        UncheckedIOException missing =
                assertThrows(
                        UncheckedIOException.class,
                        () -> HdfsSessions.read(dir.resolve("none"), 28));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void missingDataDirSaysHowToFixIt(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DataDir.resolve(dir.resolve("nope").toString()));
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
        assertEquals(dir, DataDir.resolve(dir.toString()));
    }

    private static int distinct(List<int[]> sessions) {
        BitSet seen = new BitSet();
        sessions.forEach(s -> java.util.Arrays.stream(s).forEach(seen::set));
        return seen.cardinality();
    }
}
