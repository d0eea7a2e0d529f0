package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.score.TokenRank;
import io.keyedrnn.score.TokenRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring {@code <end>} in the servable, and a token stream's surprisal threshold and rule. */
class SessionEndScoringTest {
    private static Model model(List<String> vocab) {
        return new Model(
                NetworkFactory.random(
                        NetworkSpec.categorical(CellKind.LSTM, vocab.size(), 3, 4, 1), 5),
                new ModelMetadata(1, null, null, null, null, vocab, null, null, 1, null));
    }

    @Test
    void theEndIsScoredAsTheEndTokenAndStepsTheState() {
        Model m = model(List.of("a", "b", Vocabulary.END));
        ModelServable sv = new ModelServable(m, ScoringConfig.DEFAULTS.withWarmupEvents(0));
        KeyState s = sv.newState();
        sv.process(Event.categorical("k", 1, "a"), s);
        float[] before = s.prediction.clone();
        Prediction p = sv.processEnd("k", 7, s);
        assertTrue(p.end && p.scored);
        assertEquals(7, p.timestamp);
        assertEquals(before[2], p.probability, 0.0);
        assertEquals(TokenRank.rank(before, 3, 2), p.rank);
        assertEquals(2, s.stepsSinceReset);
        assertFalse(sv.process(Event.categorical("k", 8, "b"), s).end, "events are not ends");
    }

    @Test
    void aModelWithoutTheEndTokenWritesAnUnscoredEndAndKeepsTheState() {
        ModelServable sv = new ModelServable(model(List.of("a", "b")), ScoringConfig.DEFAULTS);
        KeyState s = sv.newState();
        sv.process(Event.categorical("k", 1, "a"), s);
        float[] state = s.state.clone();
        Prediction p = sv.processEnd("k", 2, s);
        assertTrue(p.end);
        assertFalse(p.scored || p.anomaly);
        assertEquals(List.of(state[0], state[1]), List.of(s.state[0], s.state[1]));
        assertFalse(sv.scoresEnds());
    }

    @Test
    void aThresholdOnTokenStreamsReplacesTopG() {
        Model m = model(List.of("a", "b", "c", "d"));
        ScoringConfig base = ScoringConfig.DEFAULTS.withWarmupEvents(0);
        // top.g 9 over 4 tokens flags nothing; a surprisal threshold of 0 flags every token.
        assertFalse(second(m, base).anomaly);
        assertTrue(second(m, base.withThreshold(0.0)).anomaly);
        assertFalse(second(m, base.withThreshold(1e9)).anomaly);
    }

    @Test
    void tokenRuleEitherFlagsOutsideTopGOrAboveTheThreshold() {
        Model m = model(List.of("a", "b", "c", "d"));
        ScoringConfig either =
                ScoringConfig.fromMap(Map.of("warmup.events", "0", "token.rule", "either"));
        Prediction p = second(m, either.withThreshold(1e9));
        assertFalse(p.anomaly, "inside top 9, below the threshold");
        assertEquals(p.rank >= 1, second(m, either.withThreshold(1e9).withTopG(1)).anomaly);
        assertTrue(second(m, either.withThreshold(0.0)).anomaly, "inside top 9, above it");
        ScoringConfig topG = either.withTokenRule(TokenRule.TOP_G).withThreshold(0.0);
        assertFalse(second(m, topG).anomaly, "top_g ignores the threshold");
    }

    @Test
    void anEndThresholdJudgesEndsInPlaceOfTheRuleAndLeavesEventsToIt() {
        Model m = model(List.of("a", "b", Vocabulary.END));
        ScoringConfig topG = ScoringConfig.DEFAULTS.withWarmupEvents(0);
        // Three tokens all rank inside top 9: the rule alone flags no end; -ln p > 0 does.
        assertFalse(end(m, topG).anomaly);
        assertTrue(end(m, topG.withEndThreshold(0.0)).anomaly);
        ScoringConfig everything = topG.withTokenRule(TokenRule.THRESHOLD).withThreshold(0.0);
        assertTrue(end(m, everything).anomaly, "without end.threshold the rule judges ends");
        ScoringConfig endsSpared = everything.withEndThreshold(1e9);
        assertFalse(end(m, endsSpared).anomaly);
        assertTrue(second(m, endsSpared).anomaly, "events stay with the rule");
        ScoringConfig keyed =
                ScoringConfig.fromMap(Map.of("warmup.events", "0", "end.threshold", "0"));
        assertTrue(end(m, keyed).anomaly, "the key end.threshold");
    }

    @Test
    void aRuleThatNeedsAThresholdRefusesAModelWithoutOne() {
        Model m = model(List.of("a", "b"));
        ScoringConfig c = ScoringConfig.DEFAULTS.withTokenRule(TokenRule.EITHER);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ModelServable(m, c));
        assertTrue(e.getMessage().contains("token.rule either"), e.getMessage());
    }

    private static Prediction end(Model m, ScoringConfig c) {
        ModelServable sv = new ModelServable(m, c);
        KeyState s = sv.newState();
        sv.process(Event.categorical("k", 1, "a"), s);
        return sv.processEnd("k", 2, s);
    }

    private static Prediction second(Model m, ScoringConfig c) {
        ModelServable sv = new ModelServable(m, c);
        KeyState s = sv.newState();
        sv.process(Event.categorical("k", 1, "a"), s);
        return sv.process(Event.categorical("k", 2, "b"), s);
    }
}
