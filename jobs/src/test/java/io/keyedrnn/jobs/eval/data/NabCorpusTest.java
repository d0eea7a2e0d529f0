package io.keyedrnn.jobs.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.eval.EvalData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCorpusTest {
    private static final List<NabSeries> CORPUS = NabCorpus.load(EvalData.dir().resolve("nab"));

    private static NabSeries file(String name) {
        Map<String, NabSeries> byName =
                CORPUS.stream().collect(Collectors.toMap(NabSeries::name, Function.identity()));
        assertTrue(byName.containsKey(name), name);
        return byName.get(name);
    }

    @Test
    void rowAndWindowCountsMatchTheDataReadme() {
        // Counts stated in data/README.md (measured there with wc and the JSON).
        assertEquals(58, CORPUS.size());
        assertEquals(10_320, file("realKnownCause/nyc_taxi.csv").size());
        assertEquals(22_695, file("realKnownCause/machine_temperature_system_failure.csv").size());
        assertEquals(
                1_243, file("realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv").size());
        assertEquals(0, file("realAWSCloudwatch/ec2_cpu_utilization_c6585a.csv").windows().size());
        Map<String, Integer> windows = new java.util.TreeMap<>();
        Map<String, Integer> rows = new java.util.TreeMap<>();
        for (NabSeries s : CORPUS) {
            String category = s.name().substring(0, s.name().indexOf('/'));
            windows.merge(category, s.windows().size(), Integer::sum);
            rows.merge(category, s.size(), Integer::sum);
        }
        assertEquals(
                Map.of(
                        "artificialNoAnomaly", 0,
                        "artificialWithAnomaly", 6,
                        "realAWSCloudwatch", 30,
                        "realAdExchange", 14,
                        "realKnownCause", 19,
                        "realTraffic", 14,
                        "realTweets", 33),
                windows);
        // The README's category table says 69,562 (realKnownCause), 15,670 (realTraffic) and
        // 365,565 in all, but its own per-file counts for realKnownCause sum to 69,561, and the
        // realTraffic files hold 15,664 non-empty data rows (checked with Python on the bytes).
        assertEquals(69_561, rows.get("realKnownCause"));
        assertEquals(15_664, rows.get("realTraffic"));
        assertEquals(158_631, rows.get("realTweets"));
        assertEquals(365_558, rows.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void crlfFilesParseLikeLfFiles() {
        NabSeries hold = file("realKnownCause/rogue_agent_key_hold.csv");
        assertEquals(1_882, hold.size());
        assertEquals(LocalDateTime.of(2014, 7, 6, 20, 10), hold.timestamps()[0]);
        assertEquals(0.06453452400000001, hold.values()[0], 0.0);
    }

    @Test
    void repeatedAndBackwardTimestampsStayInFileOrder() {
        // README: ec2_request_latency repeats 2014-03-09 03:00:00 on file lines 558-569,
        // i.e. data rows 556..567 (line 1 is the header).
        LocalDateTime[] ts =
                file("realKnownCause/ec2_request_latency_system_failure.csv").timestamps();
        for (int row = 556; row <= 567; row++) {
            assertEquals(LocalDateTime.of(2014, 3, 9, 3, 0), ts[row], "row " + row);
        }
        // README: machine_temperature steps back from 02:55 to 02:00 on lines 10150-10151.
        LocalDateTime[] mt =
                file("realKnownCause/machine_temperature_system_failure.csv").timestamps();
        assertEquals(LocalDateTime.of(2014, 1, 7, 2, 55), mt[10148]);
        assertEquals(LocalDateTime.of(2014, 1, 7, 2, 0), mt[10149]);
    }

    @Test
    void windowsParseWithMicroseconds() {
        NabWindow first = file("realKnownCause/nyc_taxi.csv").windows().get(0);
        assertTrue(first.start().isBefore(first.end()));
        assertEquals(0, first.start().getSecond());
    }

    @Test
    void badRowsAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "timestamp,value\n2014-01-01 00:00:00,1.5\n2014-01-01 00:05:00,x\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NabCsv.read(f));
        assertTrue(e.getMessage().contains("bad.csv:3"), e.getMessage());
        assertTrue(e.getMessage().contains("value"), e.getMessage());

        Files.writeString(f, "time,value\n2014-01-01 00:00:00,1.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> NabCsv.read(f));
        assertTrue(e.getMessage().contains("bad.csv:1"), e.getMessage());

        Files.writeString(f, "timestamp,value\n2014-13-01 00:00:00,1.5\n");
        e = assertThrows(IllegalArgumentException.class, () -> NabCsv.read(f));
        assertTrue(e.getMessage().contains("bad timestamp"), e.getMessage());
    }

    @Test
    void malformedWindowsAreRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        Files.writeString(f, "{\"a.csv\": [[\"2014-01-02 00:00:00.000000\"]]}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NabCorpus.readWindows(f));
        assertTrue(e.getMessage().contains("'a.csv'"), e.getMessage());

        Files.writeString(
                f, "{\"a.csv\": [[\"2014-01-02 00:00:00.000000\", \"2014-01-01 00:00:00\"]]}");
        assertThrows(IllegalArgumentException.class, () -> NabCorpus.readWindows(f));
    }
}
