package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.RecurrentNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden model file (written by PyTorch, see golden/README.md) loads with the architecture
 * its cases.json entry describes. The numbers themselves are GoldenParityTest's business.
 */
class GoldenModelsLoadTest {

    private static Path golden() throws Exception {
        return Path.of(GoldenModelsLoadTest.class.getResource("/golden").toURI());
    }

    static Stream<JsonNode> cases() throws Exception {
        JsonNode all = RawSafetensors.JSON.readTree(golden().resolve("cases.json").toFile());
        List<JsonNode> cases = new ArrayList<>();
        all.forEach(cases::add);
        return cases.stream();
    }

    @Test
    void everyGoldenModelFileLoadsAndEveryCaseHasOne() throws Exception {
        List<String> dirs = new ArrayList<>();
        try (Stream<Path> list = Files.list(golden())) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Path file = p.resolve("model.safetensors");
                if (Files.exists(file)) {
                    ModelFile.read(file);
                    dirs.add(p.getFileName().toString());
                }
            }
        }
        List<String> names = new ArrayList<>();
        cases().forEach(c -> names.add(c.get("name").asText()));
        assertFalse(names.isEmpty());
        assertTrue(dirs.containsAll(names), "cases without a model file: " + names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsWithTheDescribedArchitecture(JsonNode c) throws Exception {
        Path file = golden().resolve(c.get("name").asText()).resolve("model.safetensors");
        Model model = ModelFile.read(file);
        RecurrentNetwork n = model.network();
        JsonNode input = c.get("input");
        assertEquals(CellKind.fromId(c.get("cell").asText()), n.cellKind());
        assertEquals(c.get("layers").asInt(), n.layers().size());
        assertEquals(c.get("hidden").asInt(), n.topHiddenSize());
        boolean categorical = input.get("kind").asText().equals("categorical");
        assertEquals(categorical, n.isCategorical());
        if (categorical) {
            assertEquals(input.get("vocabulary_size").asInt(), n.inputSize());
            assertEquals(input.get("embedding").asInt(), n.embedding().dimension());
        } else {
            assertEquals(input.get("size").asInt(), n.inputSize());
        }
        int head = c.get("head").asInt();
        assertEquals(head == 0, n.head() == null);
        assertEquals(head == 0 ? n.topHiddenSize() : head, n.outputSize());
        assertEquals(c.get("output").asText().equals("softmax"), n.hasSoftmax());
        // What keyed-rnn writes for the model reads back to the same bytes.
        byte[] bytes = ModelFile.toBytes(model);
        assertTrue(bytes.length > 8);
        assertEquals(
                java.util.Arrays.toString(bytes),
                java.util.Arrays.toString(ModelFile.toBytes(ModelFile.read(bytes, "rewritten"))));
    }
}
