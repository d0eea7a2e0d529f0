package io.keyedrnn.flink;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.ScoringConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What replay computes: the servable run directly on per-key states in a plain map, no Flink. The
 * function must produce exactly these bytes.
 */
final class ExpectedScores {
    private final ScoringConfig config;
    private final Map<String, KeyState> states = new HashMap<>();
    private final PredictionJson json = new PredictionJson(false);
    private ModelServable servable;

    ExpectedScores(Model model, ScoringConfig config) {
        this.config = config;
        this.servable = new ModelServable(model, config);
    }

    void swap(Model model) {
        servable = new ModelServable(model, config);
    }

    String score(String key, long ts, float[] x) {
        KeyState s = states.computeIfAbsent(key, k -> servable.newState());
        return new String(
                json.toBytes(servable.process(Event.numeric(key, ts, x), s)),
                StandardCharsets.UTF_8);
    }

    KeyState state(String key) {
        return states.get(key);
    }
}
