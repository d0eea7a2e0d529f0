package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The stage before keyBy: poison records become dead letters, good ones pass with a time. */
class ParseFunctionTest {
    private static RawRecord raw(String value, long offset, long kafkaTs) {
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new RawRecord(v, "events", 3, offset, kafkaTs);
    }

    @Test
    void everyKindOfPoisonIsADeadLetterWithItsReasonAndBytes() throws Exception {
        String[][] cases = {
            {"{not json", "invalid_json"},
            {"", "invalid_json"},
            {null, "invalid_json"},
            {"[1,2]", "invalid_json"},
            {"{\"ts\":1,\"features\":[1,2,3]}", "missing_key"},
            {"{\"key\":\"\",\"features\":[1,2,3]}", "missing_key"},
            {"{\"key\":\"a\",\"ts\":\"yesterday\",\"features\":[1,2,3]}", "bad_timestamp"},
            {"{\"key\":\"a\",\"ts\":1}", "missing_features"},
            {"{\"key\":\"a\",\"features\":[1,\"x\",3]}", "bad_features"},
            {"{\"key\":\"a\",\"features\":[1,2]}", "wrong_feature_count"},
            {"{\"key\":\"a\",\"features\":[1,NaN,3]}", "non_finite_feature"},
            {"{\"key\":\"a\",\"features\":[1,1e999,3]}", "non_finite_feature"},
        };
        ScoringOptions options = new ScoringOptions().features(3);
        try (OneInputStreamOperatorTestHarness<RawRecord, ParsedRecord> h =
                ProcessFunctionTestHarnesses.forProcessFunction(new ParseFunction(options))) {
            for (int i = 0; i < cases.length; i++) {
                h.processElement(raw(cases[i][0], i, 77), 0);
            }
            h.processElement(raw("{\"key\":\"ok\",\"features\":[1,2,3]}", 99, 77), 0);
            List<DeadLetter> dead = new ArrayList<>();
            for (StreamRecord<DeadLetter> r : h.getSideOutput(ScoringPipeline.DEAD_LETTERS)) {
                dead.add(r.getValue());
            }
            assertEquals(cases.length, dead.size());
            for (int i = 0; i < cases.length; i++) {
                DeadLetter d = dead.get(i);
                assertEquals(cases[i][1], d.reason, "case " + i + ": " + cases[i][0]);
                assertEquals(i, d.offset);
                assertEquals(3, d.partition);
                byte[] original =
                        cases[i][0] == null ? null : cases[i][0].getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(original, d.payload);
            }
            List<ParsedRecord> good = h.extractOutputValues();
            assertEquals(1, good.size());
            assertEquals("ok", good.get(0).key());
        }
    }

    @Test
    void anEventWithoutTimeTakesTheRecordTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, ParsedRecord> h =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new ParseFunction(new ScoringOptions().scoring(Map.of())))) {
            h.processElement(raw("{\"key\":\"a\",\"features\":[1]}", 0, 1234), 0);
            h.processElement(raw("{\"key\":\"a\",\"ts\":55,\"features\":[1]}", 1, 1234), 0);
            List<ParsedRecord> out = h.extractOutputValues();
            assertEquals(1234, out.get(0).event.getTimestamp());
            assertEquals(55, out.get(1).event.getTimestamp());
        }
    }
}
