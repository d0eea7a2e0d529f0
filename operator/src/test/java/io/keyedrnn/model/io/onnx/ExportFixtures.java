package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Models to export: every cell kind with 1-3 layers, and by layer count the three shapes an export
 * takes (1: head with one output per feature and a normaliser, so the graph also denormalises; 2:
 * no head, a normaliser, the top h as prediction; 3: a head of another width, no normaliser).
 */
final class ExportFixtures {
    static final int FEATURES = 3;

    private ExportFixtures() {}

    static Stream<Arguments> cases() {
        return Stream.of(CellKind.values())
                .flatMap(c -> Stream.of(1, 2, 3).map(l -> Arguments.of(c, l)));
    }

    static Model model(CellKind cell, int layers) {
        int hidden = layers == 2 && cell.gates() == 1 ? FEATURES : 4;
        int head = layers == 1 ? FEATURES : layers == 2 ? 0 : 2;
        RecurrentNetwork net =
                NetworkFactory.random(
                        new NetworkSpec(cell, FEATURES, hidden, layers, head, 0),
                        31L * cell.ordinal() + layers);
        Normalizer norm =
                layers == 3
                        ? null
                        : new Normalizer(
                                new float[] {0.5f, -2f, 10f}, new float[] {1.5f, 0.25f, 4f});
        ModelMetadata meta =
                new ModelMetadata(
                        1,
                        null,
                        null,
                        null,
                        List.of("cpu", "mem", "net"),
                        null,
                        norm,
                        null,
                        7L,
                        Map.of("epochs", 3),
                        new ModelMetadata.Source("keyed-rnn", "trained.safetensors", "ab12"));
        return new Model(net, meta);
    }
}
