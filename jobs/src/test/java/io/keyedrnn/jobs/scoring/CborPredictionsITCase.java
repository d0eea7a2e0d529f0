package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.keyedrnn.model.io.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka job with {@code prediction.format: cbor} on the embedded broker: every record on the
 * predictions topic is one CBOR map holding, field for field and float bit for bit, what replay
 * writes as JSON for the same events.
 */
class CborPredictionsITCase {
    @RegisterExtension static final KafkaAndFlink cluster = new KafkaAndFlink(1, 2);

    private static final int KEYS = 6;
    private static final int STEPS = 12;
    private static final String PREFIX = "cbor-";
    private static final JsonFactory JSON = new JsonFactory();
    private static final CBORFactory CBOR = new CBORFactory();

    @TempDir static Path tmp;

    @Test
    void predictionsOnTheTopicAreCborOfTheReplayJson() throws Exception {
        Model model = ItSupport.model(4, 11);
        Map<String, String> s = ItSupport.withTopicsAndModel(cluster.kafka(), PREFIX, model, tmp);
        s.put("prediction.format", "cbor");
        JobID job = ItSupport.submit(cluster.flink(), ScoringJobConfig.of(s), null);
        List<byte[]> events = ItSupport.events(KEYS, 0, STEPS);
        ItSupport.produce(cluster.kafka(), PREFIX + "events", events);
        List<ConsumerRecord<byte[], byte[]>> records =
                ItSupport.read(cluster.kafka(), PREFIX + "predictions", events.size());
        cluster.flink().cancel(job);

        Map<String, List<String>> expected = ItSupport.replay(model, events, false);
        Map<String, List<byte[]>> got = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            got.computeIfAbsent(key, k -> new ArrayList<>()).add(r.value());
        }
        assertEquals(expected.keySet(), got.keySet());
        for (String key : expected.keySet()) {
            List<String> json = expected.get(key);
            assertEquals(json.size(), got.get(key).size(), key);
            for (int i = 0; i < json.size(); i++) {
                assertSameValues(json.get(i), got.get(key).get(i), key + " #" + i);
            }
        }
    }

    /** Both records token by token: same names and values, JSON floats equal to CBOR bits. */
    private static void assertSameValues(String json, byte[] cbor, String where)
            throws IOException {
        try (JsonParser j = JSON.createParser(json);
                JsonParser c = CBOR.createParser(cbor)) {
            JsonToken t;
            while ((t = j.nextToken()) != null) {
                String at = where + " at " + j.currentName() + " of " + json;
                assertEquals(t, c.nextToken(), at);
                if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
                    assertEquals(j.getText(), c.getText(), at);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    assertEquals(j.getLongValue(), c.getLongValue(), at);
                } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    assertSameNumber(j.getText(), c, at);
                }
            }
            assertNull(c.nextToken(), where + ": more after the record's end");
        }
    }

    private static void assertSameNumber(String text, JsonParser c, String at) throws IOException {
        if (c.getNumberType() == JsonParser.NumberType.FLOAT) {
            assertEquals(
                    Float.floatToRawIntBits(Float.parseFloat(text)),
                    Float.floatToRawIntBits(c.getFloatValue()),
                    at);
        } else {
            assertEquals(
                    Double.doubleToRawLongBits(Double.parseDouble(text)),
                    Double.doubleToRawLongBits(c.getDoubleValue()),
                    at);
        }
    }
}
