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
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** The replay case: the task's bound |a − e| ≤ 1e-5·|e| + 1e-6. */
    @Test
    void replayMatchesPyTorch() throws IOException {
        replayAndCompare("replay_pytorch_lstm", e -> 1e-5 * Math.abs(e) + 1e-6);
    }

    static Stream<String> cellCases() throws IOException {
        try (Stream<Path> dirs = Files.list(golden(""))) {
            return dirs
                    .filter(d -> Files.isRegularFile(d.resolve("expected.jsonl")))
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals("replay_pytorch_lstm"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** Every cell golden case through replay, with the golden README's bound 1e-5·max(1, |e|). */
    @ParameterizedTest
    @MethodSource("cellCases")
    void replayMatchesEveryCellCase(String name) throws IOException {
        replayAndCompare(name, e -> 1e-5 * Math.max(1, Math.abs(e)));
    }

    private void replayAndCompare(String name, DoubleUnaryOperator bound) throws IOException {
        Path g = golden(name);
        Path out = dir.resolve(name + ".jsonl");
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
        assertEquals(expected.size(), got.size(), r.err());
        assertTrue(expected.size() > 10);
        for (int i = 0; i < got.size(); i++) {
            JsonNode e = MAPPER.readTree(expected.get(i));
            JsonNode a = MAPPER.readTree(got.get(i));
            String where = name + " line " + (i + 1);
            assertEquals(e.get("key").asText(), a.get("key").asText(), where);
            assertEquals(e.get("ts").asLong(), a.get("ts").asLong(), where);
            assertClose(e.get("prediction"), a.get("prediction"), bound, where + " prediction");
            JsonNode es = e.get("state");
            assertEquals(es.size(), a.get("state").size(), where);
            for (int p = 0; p < es.size(); p++) {
                assertClose(es.get(p), a.get("state").get(p), bound, where + " state " + p);
            }
        }
    }

    private static void assertClose(
            JsonNode expected, JsonNode actual, DoubleUnaryOperator bound, String where) {
        assertEquals(expected.size(), actual.size(), where);
        for (int j = 0; j < expected.size(); j++) {
            double e = expected.get(j).asDouble();
            double a = actual.get(j).asDouble();
            assertTrue(
                    Math.abs(a - e) <= bound.applyAsDouble(e),
                    where + "[" + j + "]: expected " + e + ", got " + a);
        }
    }
}
