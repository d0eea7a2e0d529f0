package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.model.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case from PyTorch (see src/test/resources/golden/README.md): each key is stepped
 * through its interleaved events and every prediction and state value must match the float64
 * reference within {@value #RTOL} relative (plus {@value #ATOL} absolute, for values that are 0 to
 * float32 precision).
 */
class GoldenParityTest {
    static final double TOL = 1e-5;
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            List<Path> found = dirs.filter(Files::isDirectory).sorted().toList();
            assertTrue(found.size() >= 30, "expected the golden cases, found " + found.size());
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Path dir) throws IOException {
        RecurrentNetwork net = ModelFile.read(dir.resolve("model.safetensors")).network();
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl"));
        assertEquals(events.size(), expected.size());
        Map<String, float[]> states = new HashMap<>();
        Workspace ws = net.newWorkspace();
        float[] out = new float[net.outputSize()];
        for (int line = 0; line < events.size(); line++) {
            JsonNode event = JSON.readTree(events.get(line));
            JsonNode want = JSON.readTree(expected.get(line));
            String key = event.get("key").asText();
            float[] state = states.computeIfAbsent(key, k -> new float[net.stateSize()]);
            if (net.isCategorical()) {
                net.stepToken(event.get("token").asInt(), state, out, ws);
            } else {
                net.step(floats(event.get("features")), state, out, ws);
            }
            String where = dir.getFileName() + " line " + (line + 1) + " key " + key;
            assertClose(want.get("prediction"), out, 0, where + " prediction");
            JsonNode wantState = want.get("state");
            int offset = 0;
            for (int v = 0; v < wantState.size(); v++) {
                assertClose(wantState.get(v), state, offset, where + " state vector " + v);
                offset += wantState.get(v).size();
            }
            assertEquals(net.stateSize(), offset, where + " state size");
        }
    }

    private static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }

    static void assertClose(JsonNode expected, float[] actual, int offset, String where) {
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).asDouble();
            double a = actual[offset + i];
            if (!(Math.abs(a - e) <= TOL * Math.max(1, Math.abs(e)))) {
                fail(where + " [" + i + "]: expected " + e + " got " + a);
            }
        }
    }
}
