package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.flink.ScoringOptions;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** model.uri.* settings reach the scoring task: checked when read, shipped in ScoringOptions. */
class ModelPointerSettingsTest {

    @Test
    void theDefaultFollowsHttpsOnly() throws Exception {
        ScoringOptions o = ScoringJob.options(ScoringJobConfig.of(Map.of()));
        assertEquals(
                "model.uri.schemes=https, model.uri.allowed-dirs=[]", o.modelPointers().toString());
    }

    @Test
    void theConfiguredPolicyTravelsWithTheOperatorOptions() throws Exception {
        ScoringJobConfig c =
                ScoringJobConfig.of(
                        Map.of(
                                "model.uri.schemes", "file,https",
                                "model.uri.allowed-dirs", "/models, /srv/models/"));
        ScoringOptions shipped =
                InstantiationUtil.clone(ScoringJob.options(c), getClass().getClassLoader());
        assertEquals(
                "model.uri.schemes=file,https, model.uri.allowed-dirs=[/models, /srv/models]",
                shipped.modelPointers().toString());
    }

    @Test
    void badPoliciesAreRefusedWhenTheSettingsAreRead() {
        String noDirs =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScoringJobConfig.of(Map.of("model.uri.schemes", "file")))
                        .getMessage();
        assertTrue(noDirs.contains("model.uri.allowed-dirs names no directory"), noDirs);
        String relative =
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        ScoringJobConfig.of(
                                                Map.of("model.uri.allowed-dirs", "models")))
                        .getMessage();
        assertTrue(relative.contains("'models' is not an absolute path"), relative);
        String scheme =
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScoringJobConfig.of(Map.of("model.uri.schemes", "gopher")))
                        .getMessage();
        assertTrue(scheme.contains("unknown scheme 'gopher'"), scheme);
    }
}
