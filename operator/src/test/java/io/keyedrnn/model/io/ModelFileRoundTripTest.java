package io.keyedrnn.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Write then read gives the same weights bit for bit, the same metadata, and the same bytes. */
class ModelFileRoundTripTest {

    enum Variant {
        NO_HEAD,
        HEAD,
        SOFTMAX_HEAD,
        CATEGORICAL
    }

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (CellKind cell : CellKind.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                for (Variant v : Variant.values()) {
                    cases.add(Arguments.of(cell, layers, v, seed++));
                }
            }
        }
        return cases.stream();
    }

    static RecurrentNetwork network(CellKind cell, int layers, Variant v, long seed) {
        int hidden = 2 + (int) (seed % 7);
        switch (v) {
            case NO_HEAD:
                return NetworkFactory.random(new NetworkSpec(cell, 3, hidden, layers, 0, 0), seed);
            case HEAD:
                return NetworkFactory.random(new NetworkSpec(cell, 3, hidden, layers, 5, 0), seed);
            case SOFTMAX_HEAD:
                RecurrentNetwork n =
                        NetworkFactory.random(new NetworkSpec(cell, 4, hidden, layers, 6, 0), seed);
                return new RecurrentNetwork(n.layers(), null, n.head(), true);
            default:
                return NetworkFactory.random(
                        NetworkSpec.categorical(cell, 9, 4, hidden, layers), seed);
        }
    }

    /** Metadata with every field set, consistent with the network. */
    static ModelMetadata fullMetadata(RecurrentNetwork n, long version) {
        boolean cat = n.isCategorical();
        int features = n.layers().get(0).inputSize();
        String output = n.head() == null ? "none" : n.hasSoftmax() ? "softmax" : "linear";
        List<String> vocabulary = new ArrayList<>();
        List<String> names = new ArrayList<>();
        float[] mean = new float[features];
        float[] std = new float[features];
        for (int i = 0; i < features; i++) {
            names.add("f" + i);
            mean[i] = 0.1f * i - 0.37f;
            std[i] = 1.3f + i / 3f;
        }
        for (int i = 0; cat && i < n.embedding().vocabularySize(); i++) {
            vocabulary.add("E" + i + (i % 2 == 0 ? "é\"\\" : ""));
        }
        return new ModelMetadata(
                1,
                n.cellKind().id(),
                output,
                cat ? "categorical" : "numeric",
                cat ? null : names,
                cat ? vocabulary : null,
                cat ? null : new Normalizer(mean, std),
                new Calibration(
                        cat ? "token_rank" : "gaussian_error",
                        0.125,
                        0.3,
                        4.5,
                        0.001,
                        cat ? 3 : null),
                version,
                Map.of("epochs", 3, "loss", List.of(0.5, 0.25), "from", "2024-01-01"));
    }

    @ParameterizedTest(name = "{0} layers={1} {2}")
    @MethodSource("models")
    void roundTripIsBitIdentical(CellKind cell, int layers, Variant v, long seed) throws Exception {
        RecurrentNetwork n = network(cell, layers, v, seed);
        Model model = new Model(n, fullMetadata(n, seed));
        byte[] bytes = ModelFile.toBytes(model);
        Model back = ModelFile.read(bytes, "round-trip");
        assertSameWeights(n, back.network());
        assertEquals(model.metadata(), back.metadata());
        assertArrayEquals(bytes, ModelFile.toBytes(back));
    }

    @ParameterizedTest(name = "{0} layers={1} {2}")
    @MethodSource("models")
    void emptyMetadataIsCompletedSoTheCellSurvives(CellKind cell, int layers, Variant v, long seed)
            throws Exception {
        RecurrentNetwork n = network(cell, layers, v, seed);
        byte[] bytes = ModelFile.toBytes(new Model(n, ModelMetadata.empty()));
        Model back = ModelFile.read(bytes, "round-trip");
        assertSameWeights(n, back.network());
        assertEquals(cell.id(), back.metadata().cell());
        assertNull(back.metadata().normalizer());
        assertArrayEquals(bytes, ModelFile.toBytes(back));
    }

    @Test
    void writesAndReadsAFile(@TempDir Path dir) throws Exception {
        RecurrentNetwork n = network(CellKind.GRU_CHO, 2, Variant.HEAD, 42);
        Model model = new Model(n, fullMetadata(n, 7));
        Path path = dir.resolve("model.safetensors");
        ModelFile.write(model, path);
        ModelFile.write(model, path); // replaces the existing file
        Model back = ModelFile.read(path);
        assertSameWeights(n, back.network());
        assertEquals(7, back.version());
        assertArrayEquals(ModelFile.toBytes(model), Files.readAllBytes(path));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    static void assertSameWeights(RecurrentNetwork expected, RecurrentNetwork actual) {
        assertEquals(expected.cellKind(), actual.cellKind());
        assertEquals(expected.layers().size(), actual.layers().size());
        assertEquals(expected.hasSoftmax(), actual.hasSoftmax());
        for (int k = 0; k < expected.layers().size(); k++) {
            RecurrentLayer a = expected.layers().get(k);
            RecurrentLayer b = actual.layers().get(k);
            assertEquals(a.kind(), b.kind());
            assertArrayEquals(a.weightIh(), b.weightIh());
            assertArrayEquals(a.weightHh(), b.weightHh());
            assertArrayEquals(a.biasIh(), b.biasIh());
            assertArrayEquals(a.biasHh(), b.biasHh());
        }
        assertEquals(expected.head() == null, actual.head() == null);
        if (expected.head() != null) {
            assertArrayEquals(expected.head().weight(), actual.head().weight());
            assertArrayEquals(expected.head().bias(), actual.head().bias());
        }
        assertEquals(expected.embedding() == null, actual.embedding() == null);
        if (expected.embedding() != null) {
            assertArrayEquals(expected.embedding().weight(), actual.embedding().weight());
        }
    }
}
