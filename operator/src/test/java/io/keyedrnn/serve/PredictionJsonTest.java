package io.keyedrnn.serve;

import static io.keyedrnn.serve.ServeFixtures.event;
import static io.keyedrnn.serve.ServeFixtures.features;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.io.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Model model = ServeFixtures.numeric(CellKind.LSTM, 4, 2, 21, 7);

    /** Runs a fresh servable over the same events and returns every output line's bytes. */
    private List<byte[]> run(boolean includeState) {
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        PredictionJson json = new PredictionJson(includeState);
        KeyState s = servable.newState();
        List<byte[]> lines = new ArrayList<>();
        float[][] xs = features(15, 22);
        for (int t = 0; t < xs.length; t++) {
            lines.add(json.toBytes(servable.process(event("k\"1", t, xs[t]), s)));
        }
        return lines;
    }

    @Test
    void sameInputGivesIdenticalBytes() {
        List<byte[]> a = run(true);
        List<byte[]> b = run(true);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "line " + i);
        }
    }

    @Test
    void fieldsRoundTripExactly() throws IOException {
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        float[][] xs = features(3, 23);
        Prediction p = null;
        for (int t = 0; t < xs.length; t++) {
            p = servable.process(event("k", 1700000000000L + t, xs[t]), s);
        }
        JsonNode n = MAPPER.readTree(new PredictionJson(true).toBytes(p));
        assertEquals("k", n.get("key").asText());
        assertEquals(1700000000002L, n.get("ts").asLong());
        assertEquals(7, n.get("model_version").asLong());
        assertEquals(p.length, n.get("prediction").size());
        for (int i = 0; i < p.length; i++) {
            // Float.toString round-trips: parsing the text back gives the same float.
            assertEquals(p.values[i], Float.parseFloat(n.get("prediction").get(i).asText()));
        }
        assertEquals(p.score, n.get("score").asDouble());
        assertEquals(p.error, n.get("error").asDouble());
        assertEquals(p.z, n.get("z").asDouble());
        assertTrue(n.get("warmup").asBoolean());
        assertFalse(n.get("anomaly").asBoolean());
        assertFalse(n.has("likelihood"));
        // LSTM, 2 layers of 4: h0, c0, h1, c1.
        JsonNode state = n.get("state");
        assertEquals(4, state.size());
        for (int part = 0; part < 4; part++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(
                        s.state[part * 4 + i], Float.parseFloat(state.get(part).get(i).asText()));
            }
        }
    }

    @Test
    void firstEventHasNoScorerFieldsAndStateIsOptional() throws IOException {
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        Prediction p =
                servable.process(
                        Event.numeric("k", Event.NO_TIMESTAMP, new float[3]), servable.newState());
        JsonNode n = MAPPER.readTree(new PredictionJson(false).toBytes(p));
        assertTrue(n.get("ts").isNull());
        assertFalse(n.has("error"));
        assertFalse(n.has("state"));
        assertEquals(0.0, n.get("score").asDouble());
    }

    @Test
    void escapesKeysAndWritesNonFiniteAsNull() throws IOException {
        Prediction p = new Prediction();
        p.key = "a\"b\\c\nd\u0001é";
        p.timestamp = 5;
        p.values = new float[] {Float.NaN, 1e-5f, -0.0f};
        p.length = 3;
        p.score = Double.POSITIVE_INFINITY;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PredictionJson(false).writeLine(p, out);
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.endsWith("}\n"));
        JsonNode n = MAPPER.readTree(line);
        assertEquals(p.key, n.get("key").asText());
        assertTrue(n.get("prediction").get(0).isNull());
        assertEquals(1e-5f, Float.parseFloat(n.get("prediction").get(1).asText()));
        assertTrue(n.get("score").isNull());
    }

    @Test
    void categoricalFields() throws IOException {
        Model cat = ServeFixtures.categorical(List.of("A", "B", "C"), 3, 1);
        ModelServable servable = new ModelServable(cat, ScoringConfig.DEFAULTS);
        KeyState s = servable.newState();
        servable.process(Event.categorical("k", 1, "A"), s);
        Prediction p = servable.process(Event.categorical("k", 2, "C"), s);
        JsonNode n = MAPPER.readTree(new PredictionJson(true).toBytes(p));
        assertEquals(p.rank, n.get("rank").asInt());
        assertEquals(p.probability, n.get("probability").asDouble());
        assertFalse(n.has("error"));
        assertEquals(3, n.get("prediction").size());
        assertEquals(1, n.get("state").size(), "GRU, one layer: h only");
    }
}
