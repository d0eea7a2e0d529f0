package io.keyedrnn.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyedrnn.score.TokenRule;
import org.junit.jupiter.api.Test;

class ScoringConfigWithersTest {
    private final ScoringConfig d = ScoringConfig.DEFAULTS;

    @Test
    void eachWitherChangesOnlyItsComponent() {
        assertEquals(
                new ScoringConfig(
                        3,
                        null,
                        d.scorer(),
                        d.allowedLatenessMs(),
                        d.ringSize(),
                        d.swapPolicy(),
                        null,
                        d.minKeyErrors(),
                        0,
                        500,
                        d.likelihoodThreshold(),
                        false,
                        AlertRules.NONE,
                        TokenRule.AUTO,
                        null),
                d.withWarmupEvents(3));
        assertEquals(2.5, d.withThreshold(2.5).threshold());
        assertEquals(d, d.withThreshold(2.5).withThreshold(null));
        assertEquals(SwapPolicy.RESET, d.withSwapPolicy(SwapPolicy.RESET).swapPolicy());
        assertEquals(d, d.withSwapPolicy(SwapPolicy.RESET).withSwapPolicy(d.swapPolicy()));
        assertEquals(7, d.withRingSize(7).ringSize());
        assertEquals(d, d.withRingSize(7).withRingSize(d.ringSize()));
        assertEquals(99L, d.withAllowedLatenessMs(99).allowedLatenessMs());
        assertEquals(d, d.withAllowedLatenessMs(99).withAllowedLatenessMs(d.allowedLatenessMs()));
        ScoringConfig l = d.withLikelihood(5, 50);
        assertEquals(5, l.likelihoodShortWindow());
        assertEquals(50, l.likelihoodLongWindow());
        assertEquals(d, l.withLikelihood(0, 500));
        AlertRules quiet = new AlertRules(true, true, false, 0.05, 30, true, 20.0);
        assertEquals(quiet, d.withAlerts(quiet).alerts());
        assertEquals(d, d.withAlerts(quiet).withAlerts(AlertRules.NONE));
        assertEquals(4, d.withTopG(4).topG());
        assertEquals(d, d.withTopG(4).withTopG(null));
        assertEquals(TokenRule.EITHER, d.withTokenRule(TokenRule.EITHER).tokenRule());
        assertEquals(d, d.withTokenRule(TokenRule.EITHER).withTokenRule(TokenRule.AUTO));
        assertEquals(6.5, d.withEndThreshold(6.5).endThreshold());
        assertEquals(d, d.withEndThreshold(6.5).withEndThreshold(null));
    }
}
