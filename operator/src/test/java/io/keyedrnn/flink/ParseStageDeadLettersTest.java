package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Dead letters of the parse stage carry the event key whenever it was read. */
class ParseStageDeadLettersTest {
    private static List<DeadLetter> deadLetters(String... records) throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ParsedRecord> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseFunction(new ScoringOptions().features(3)))) {
            for (int i = 0; i < records.length; i++) {
                byte[] v = records[i] == null ? null : records[i].getBytes(StandardCharsets.UTF_8);
                h.processElement(new RawRecord(v, "events", 0, i, 5), 0);
            }
            List<DeadLetter> dead = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : h.getSideOutput(ScoringPipeline.DEAD_LETTERS)) {
                dead.add(r.getValue());
            }
            assertEquals(records.length, dead.size());
            return dead;
        }
    }

    @Test
    void theKeyIsKeptWhenItWasParsedBeforeTheFault() throws Exception {
        List<DeadLetter> d =
                deadLetters(
                        "{\"key\":\"k1\",\"features\":[1,2]}",
                        "{\"key\":\"k2\",\"ts\":\"noon\",\"features\":[1,2,3]}",
                        "{\"key\":\"k3\",\"features\":[1,\"x\",3]}",
                        "{\"key\":\"k4\",\"features\":[1,2,3]} trailing",
                        "{\"key\":\"k5\",\"features\":[1,2,3]",
                        "{\"features\":[1,2,3],\"key\":\"k6\",\"features\":[1,2,3]}",
                        "{\"features\":[1,2],\"key\":\"k7\"}");
        for (int i = 0; i < d.size(); i++) {
            assertEquals("k" + (i + 1), d.get(i).key, d.get(i).toString());
        }
    }

    @Test
    void noKeyWhenItWasNotReadOrIsEmpty() throws Exception {
        List<DeadLetter> d =
                deadLetters(
                        null,
                        "",
                        "{\"features\":[1,\"x\"],\"key\":\"late\"}",
                        "{\"key\":\"\",\"features\":[1,2,3]}",
                        "{\"key\":{\"a\":1}}");
        for (DeadLetter l : d) {
            assertNull(l.key, l.toString());
        }
    }

    @Test
    void duplicateFieldsAndOutOfRangeInstantsHaveTheirOwnReasons() throws Exception {
        List<DeadLetter> d =
                deadLetters(
                        "{\"key\":\"a\",\"key\":\"b\",\"features\":[1,2,3]}",
                        "{\"key\":\"a\",\"ts\":\"+999999999-12-31T23:59:59Z\",\"features\":[1,2,3]}");
        assertEquals("duplicate_field", d.get(0).reason);
        assertEquals("field 'key' appears twice", d.get(0).message);
        assertEquals("bad_timestamp", d.get(1).reason);
    }
}
