package io.keyedrnn.jobs.eval.nab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.eval.data.NabSeries;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabResultsFileTest {
    private static NabSeries file() {
        NabSeries s = NabFixtures.series("x", 6, new int[] {2, 3});
        double[] values = {1.5, -2.0, 1e-7, 3e9, 0.0, 42.0};
        return new NabSeries("realTest/file_a.csv", s.timestamps(), values, s.windows());
    }

    @Test
    void writesNabsLayoutAndFormatAndReadsBackExactly(@TempDir Path dir) throws Exception {
        double[] scores = {0.0, 1.0, 1e-9, 0.1 + 0.2, 0.5, Math.nextDown(1.0)};
        Path f = NabResultsWriter.write(dir, "keyed-rnn", file(), scores);
        assertEquals(dir.resolve("keyed-rnn/realTest/keyed-rnn_file_a.csv"), f);
        List<String> lines = Files.readAllLines(f);
        assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
        assertEquals("2014-01-01 00:00:00,1.5,0,0", lines.get(1));
        assertEquals("2014-01-01 00:10:00,0.0000001,0.000000001,1", lines.get(3));
        assertEquals("2014-01-01 00:15:00,3000000000,0.30000000000000004,1", lines.get(4));
        assertEquals(7, lines.size());
        assertArrayEquals(scores, NabResultsFile.scores(f, 6));
    }

    @Test
    void readsGzipAndFindsTheScoreColumnByName(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("d_f.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(
                    "anomaly_score,timestamp\n0.25,t1\n1.0,t2".getBytes(StandardCharsets.US_ASCII));
        }
        assertArrayEquals(new double[] {0.25, 1.0}, NabResultsFile.scores(gz, 2));
    }

    @Test
    void badResultsAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "timestamp,score\nt,0.5\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NabResultsFile.scores(f, 1));
        assertTrue(e.getMessage().contains("r.csv:1: no 'anomaly_score'"), e.getMessage());

        Files.writeString(f, "timestamp,anomaly_score\nt,0.5\nt,x\n");
        e = assertThrows(IllegalArgumentException.class, () -> NabResultsFile.scores(f, 2));
        assertTrue(
                e.getMessage().contains("r.csv:3: anomaly_score is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NabResultsFile.scores(f, 5));
        assertTrue(e.getMessage().contains("2 rows, the data file has 5"), e.getMessage());
    }

    @Test
    void refusesScoresOutsideZeroToOne(@TempDir Path dir) {
        double[] scores = {0, 0, 1.5, 0, 0, 0};
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> NabResultsWriter.write(dir, "keyed-rnn", file(), scores));
        assertTrue(e.getMessage().contains("realTest/file_a.csv: row 2"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new NabScores(new double[] {0.1, Double.NaN}, 0.5));
    }
}
