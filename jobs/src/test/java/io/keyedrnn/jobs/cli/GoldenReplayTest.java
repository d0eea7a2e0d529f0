package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay against PyTorch: predictions and states computed in float64 by the golden generator. */
class GoldenReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path dir;

    static Path golden(String name) {
        Path rel = Path.of("operator/src/test/resources/golden", name);
        // Maven runs the tests in jobs/; an IDE may run them from the repository root.
        Path fromJobs = Path.of("..").resolve(rel);
        return Files.isDirectory(fromJobs) ? fromJobs : rel;
    }

    @Test
    void replayMatchesPyTorch() throws IOException {
        Path g = golden("replay_pytorch_lstm");
        Path out = dir.resolve("o.jsonl");
        CliRunner r =
                CliRunner.run(
                        "replay",
                        "--model",
                        g.resolve("model.safetensors").toString(),
                        "--events",
                        g.resolve("events.jsonl").toString(),
                        "--out",
                        out.toString(),
                        "--emit-state");
        assertEquals(0, r.code(), r.err());
        List<String> expected = Files.readAllLines(g.resolve("expected.jsonl"));
        List<String> got = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(expected.size(), got.size());
        assertTrue(expected.size() > 10);
        for (int i = 0; i < got.size(); i++) {
            JsonNode e = MAPPER.readTree(expected.get(i));
            JsonNode a = MAPPER.readTree(got.get(i));
            String where = "line " + (i + 1);
            assertEquals(e.get("key").asText(), a.get("key").asText(), where);
            assertEquals(e.get("ts").asLong(), a.get("ts").asLong(), where);
            assertClose(e.get("prediction"), a.get("prediction"), where + " prediction");
            JsonNode es = e.get("state");
            assertEquals(es.size(), a.get("state").size(), where);
            for (int p = 0; p < es.size(); p++) {
                assertClose(es.get(p), a.get("state").get(p), where + " state part " + p);
            }
        }
    }

    private static void assertClose(JsonNode expected, JsonNode actual, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int j = 0; j < expected.size(); j++) {
            double e = expected.get(j).asDouble();
            double a = actual.get(j).asDouble();
            assertTrue(
                    Math.abs(a - e) <= 1e-5 * Math.abs(e) + 1e-6,
                    where + "[" + j + "]: expected " + e + ", got " + a);
        }
    }
}
