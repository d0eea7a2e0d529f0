package io.keyedrnn.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenRuleTest {
    private static final int G = 9;
    private static final double T = 8.0;

    @Test
    void eitherFlagsARankOutsideTopGOrASurprisalAboveTheThreshold() {
        assertTrue(TokenRule.EITHER.outlier(9, G, 1.0, T), "outside top g, probable");
        assertTrue(TokenRule.EITHER.outlier(2, G, 8.5, T), "inside top g, improbable");
        assertFalse(TokenRule.EITHER.outlier(8, G, 8.0, T), "inside top g, at the threshold");
    }

    @Test
    void autoIsTheThresholdWhenSetElseTopG() {
        assertFalse(TokenRule.AUTO.outlier(20, G, 1.0, T), "a threshold replaces top g");
        assertTrue(TokenRule.AUTO.outlier(2, G, 8.5, T));
        assertTrue(TokenRule.AUTO.outlier(9, G, 50.0, null));
        assertFalse(TokenRule.AUTO.outlier(8, G, 50.0, null));
    }

    @Test
    void singleRulesIgnoreTheOtherTest() {
        assertFalse(TokenRule.TOP_G.outlier(2, G, 50.0, T));
        assertTrue(TokenRule.TOP_G.outlier(9, G, 0.0, T));
        assertFalse(TokenRule.THRESHOLD.outlier(27, G, 7.9, T));
        assertTrue(TokenRule.THRESHOLD.outlier(0, G, 8.1, T));
    }

    @Test
    void onlyTheRulesThatUseAThresholdNeedOne() {
        assertTrue(TokenRule.EITHER.needsThreshold());
        assertTrue(TokenRule.THRESHOLD.needsThreshold());
        assertFalse(TokenRule.AUTO.needsThreshold());
        assertFalse(TokenRule.TOP_G.needsThreshold());
    }

    @Test
    void idsRoundTripAndAnUnknownIdNamesTheChoices() {
        for (TokenRule r : TokenRule.values()) {
            assertEquals(r, TokenRule.fromId(" " + r.id().toUpperCase(java.util.Locale.ROOT)));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TokenRule.fromId("both"));
        assertTrue(e.getMessage().contains("'both'") && e.getMessage().contains("either"));
    }
}
