package io.keyedrnn.jobs.train.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.train.TrainData;
import io.keyedrnn.serve.EventFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .jsonl and .csv readers: events, rejections with file and line, header checks. */
class FileEventsTest {
    @TempDir Path dir;

    private static final CsvLayout.Columns CSV =
            new CsvLayout.Columns("key", "ts", "token", List.of());

    /** Collects what a reader produced. */
    static final class Collected implements EventSink {
        final List<ParsedEvent> events = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void event(ParsedEvent e) {
            events.add(e);
        }

        @Override
        public void rejected(String reason, String message) {
            reasons.add(reason);
            messages.add(message);
        }
    }

    private Collected read(Path file, boolean categorical, CsvLayout.Columns csv) throws Exception {
        Collected c = new Collected();
        ReadSpec spec = ReadSpec.of(EventFields.DEFAULT, categorical, 0, csv);
        FileEvents.check(file, spec);
        FileEvents.read(file, 3, spec, c);
        return c;
    }

    @Test
    void jsonLinesKeepGoodEventsAndNameBadLines() throws Exception {
        Path f =
                TrainData.write(
                        dir,
                        "e.jsonl",
                        List.of(
                                "{\"key\":\"a\",\"ts\":5,\"features\":[1.5,2]}",
                                "",
                                "{\"key\":\"a\",\"features\":[NaN,2]}",
                                "not json",
                                "{\"key\":\"\",\"ts\":1,\"features\":[1,2]}",
                                "{\"key\":\"b\",\"features\":[3,4]}"));
        Collected c = read(f, false, CSV);
        assertEquals(2, c.events.size());
        ParsedEvent a = c.events.get(0);
        assertEquals("a", a.key);
        assertEquals(5, a.ts);
        assertArrayEquals(new float[] {1.5f, 2f}, a.features);
        assertEquals(3, a.source);
        assertEquals(1, a.position);
        assertEquals(ParsedEvent.NO_TIMESTAMP, c.events.get(1).ts);
        assertEquals(6, c.events.get(1).position);
        assertEquals(List.of("non_finite_feature", "invalid_json", "missing_key"), c.reasons);
        assertTrue(c.messages.get(0).startsWith(f + ":3: "), c.messages.get(0));
        assertTrue(c.messages.get(1).startsWith(f + ":4: "), c.messages.get(1));
    }

    @Test
    void csvUsesHeaderColumnsQuotesAndIsoTimes() throws Exception {
        Path f =
                TrainData.write(
                        dir,
                        "e.csv",
                        List.of(
                                "cpu, ts ,key,mem",
                                "0.5,2024-01-01T00:00:01Z,\"host,1\",7",
                                "0.25,1000,h2,NaN",
                                "x,1000,h2,1",
                                "1,2",
                                "1,1000,,2",
                                "1,yesterday,h3,2",
                                "0.75,,h2,8"));
        Collected c = read(f, false, CSV);
        assertEquals(2, c.events.size());
        assertEquals("host,1", c.events.get(0).key);
        assertEquals(1_704_067_201_000L, c.events.get(0).ts);
        assertArrayEquals(new float[] {0.5f, 7f}, c.events.get(0).features);
        assertEquals(ParsedEvent.NO_TIMESTAMP, c.events.get(1).ts);
        assertEquals(8, c.events.get(1).position);
        assertEquals(
                List.of(
                        "non_finite_feature",
                        "bad_features",
                        "bad_csv_row",
                        "missing_key",
                        "bad_timestamp"),
                c.reasons);
        assertTrue(
                c.messages.get(1).contains(f + ":4") && c.messages.get(1).contains("'cpu'"),
                c.messages.get(1));
        ReadSpec spec = ReadSpec.of(EventFields.DEFAULT, false, 0, CSV);
        assertEquals(List.of("cpu", "mem"), FileEvents.check(f, spec).featureNames());
    }

    @Test
    void csvFeatureListAndTokens() throws Exception {
        Path f = TrainData.write(dir, "t.csv", List.of("key,ts,token,x", "s1,1,E5,3", "s1,2,,4"));
        Collected tokens = read(f, true, CSV);
        assertEquals(1, tokens.events.size());
        assertEquals("E5", tokens.events.get(0).token);
        assertNull(tokens.events.get(0).features);
        assertEquals(List.of("missing_token"), tokens.reasons);
        Collected x = read(f, false, new CsvLayout.Columns("key", "ts", "token", List.of("x")));
        assertArrayEquals(new float[] {3f}, x.events.get(0).features);
    }

    @Test
    void aFileThatIsOneKeyIsNamedAfterTheFileAndTakesNabTimes() throws Exception {
        // NAB's and the repository's data files: no key column, "date time" in UTC.
        Path f =
                TrainData.write(
                        dir,
                        "nyc_taxi.csv",
                        List.of(
                                "timestamp,value",
                                "2014-07-01 00:00:00,10844",
                                "2014-07-01T00:30:00,8127",
                                "2014-07-01 01:00,6210",
                                "July 1st,1"));
        Collected c =
                read(f, false, new CsvLayout.Columns("key", "timestamp", "token", List.of(), true));
        assertEquals(3, c.events.size());
        assertEquals("nyc_taxi", c.events.get(0).key);
        assertEquals(1404172800000L, c.events.get(0).ts);
        assertEquals(1404172800000L + 1_800_000L, c.events.get(1).ts);
        assertEquals(1404172800000L + 3_600_000L, c.events.get(2).ts);
        assertArrayEquals(new float[] {8127f}, c.events.get(1).features);
        assertEquals(List.of("bad_timestamp"), c.reasons);
        assertTrue(c.messages.get(0).contains("nyc_taxi.csv:5"), c.messages.get(0));
    }

    @Test
    void theKeyOfAFileDropsItsDirectoryAndCsvExtension() {
        assertEquals("ec2_cpu", CsvLayout.keyOfFile("data/nab/data/realAWSCloudwatch/ec2_cpu.csv"));
        assertEquals("h", CsvLayout.keyOfFile("/tmp/h.CSV.gz"));
    }

    @Test
    void headerAndFileProblemsAreUsageErrorsNamingTheFile() throws Exception {
        Path f = TrainData.write(dir, "h.csv", List.of("host,ts,cpu", "a,1,2"));
        ReadSpec spec = ReadSpec.of(EventFields.DEFAULT, false, 0, CSV);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FileEvents.check(f, spec));
        assertTrue(
                e.getMessage().contains(f.toString()) && e.getMessage().contains("'key'"),
                e.getMessage());
        Path missing = dir.resolve("nope.jsonl");
        e = assertThrows(IllegalArgumentException.class, () -> FileEvents.check(missing, spec));
        assertTrue(e.getMessage().contains("nope.jsonl"), e.getMessage());
        Path txt = TrainData.write(dir, "e.txt", List.of("{}"));
        e = assertThrows(IllegalArgumentException.class, () -> FileEvents.check(txt, spec));
        assertTrue(e.getMessage().contains(".jsonl or .csv"), e.getMessage());
        Path empty = TrainData.write(dir, "empty.csv", List.of());
        assertThrows(IllegalArgumentException.class, () -> FileEvents.check(empty, spec));
    }

    @Test
    void csvSplitHandlesQuotes() {
        assertEquals(
                List.of("a", "b,c", "say \"hi\"", ""),
                CsvLayout.split("a,\"b,c\",\"say \"\"hi\"\"\","));
        assertNull(CsvLayout.split("a,\"open"));
    }
}
