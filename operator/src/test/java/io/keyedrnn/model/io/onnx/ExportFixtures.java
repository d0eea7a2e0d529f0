package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Models to export: every cell kind with 1-3 layers, and by layer count the three shapes a numeric
 * export takes (1: head with one output per feature and a normaliser, so the graph also
 * denormalises; 2: no head, a normaliser, the top h as prediction; 3: a head of another width, no
 * normaliser); and categorical models (token ids, embedding, softmax head) of every cell kind.
 */
final class ExportFixtures {
    static final int FEATURES = 3;
    static final List<String> TOKENS = List.of("E1", "E2", "E3", "<unk>", "E5", "<end>", "E7");

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

    /** A categorical model: 7 tokens, embedding dimension 3, hidden 4 ({@code layers} layers). */
    static Model categorical(CellKind cell, int layers) {
        RecurrentNetwork net =
                NetworkFactory.random(
                        NetworkSpec.categorical(cell, TOKENS.size(), 3, 4, layers),
                        97L * cell.ordinal() + layers);
        ModelMetadata meta =
                new ModelMetadata(
                        1,
                        null,
                        null,
                        null,
                        null,
                        TOKENS,
                        null,
                        new Calibration("token_rank", null, null, null, null, 3),
                        11L,
                        Map.of("epochs", 2),
                        null);
        return new Model(net, meta);
    }
}
