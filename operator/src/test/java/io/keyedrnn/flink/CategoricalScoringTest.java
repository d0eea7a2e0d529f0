package io.keyedrnn.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.PredictionJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token streams: an unknown token of a closed vocabulary is a dead letter and changes nothing. */
class CategoricalScoringTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", "d", "e");

    private static Model model() {
        return new Model(
                NetworkFactory.random(NetworkSpec.categorical(CellKind.GRU, 5, 3, 4, 1), 3),
                new ModelMetadata(1, null, null, null, null, VOCAB, null, null, 1, null));
    }

    private static byte[] event(String token, long ts) {
        return ("{\"key\":\"s\",\"ts\":" + ts + ",\"token\":\"" + token + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unknownTokenIsADeadLetterAndTheKeyContinuesUntouched() throws Exception {
        Model m = model();
        ScoringOptions options = ScoringHarness.options(TestModels.bytes(m));
        try (ScoringHarness h = ScoringHarness.open(options).categorical()) {
            h.event(event("a", 1));
            RawRecord bad = h.event(event("zzz", 2));
            h.event(event("b", 3));

            ModelServable sv = new ModelServable(m, options.scoringConfig());
            PredictionJson json = new PredictionJson(false);
            KeyState s = sv.newState();
            String first =
                    new String(
                            json.toBytes(sv.process(Event.categorical("s", 1, "a"), s)),
                            StandardCharsets.UTF_8);
            String second =
                    new String(
                            json.toBytes(sv.process(Event.categorical("s", 3, "b"), s)),
                            StandardCharsets.UTF_8);
            assertEquals(List.of(first, second), h.predictions());
            DeadLetter d = h.deadLetters().get(0);
            assertEquals("unknown_token", d.reason);
            assertArrayEquals(bad.value, d.payload);
        }
    }

    @Test
    void aNumericModelOnATokenStreamIsRejected() throws Exception {
        ScoringOptions options = ScoringHarness.options(TestModels.bytes(model()));
        try (ScoringHarness h = ScoringHarness.open(options).categorical()) {
            h.model(TestModels.bytes(TestModels.lstm(3, 4, 9, 1)));
            assertEquals("model_input_mismatch", h.deadLetters().get(0).reason);
        }
    }
}
