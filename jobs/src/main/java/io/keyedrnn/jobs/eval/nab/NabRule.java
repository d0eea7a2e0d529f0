package io.keyedrnn.jobs.eval.nab;

import io.keyedrnn.serve.ScoringConfig;
import java.util.Map;

/** How the scoring path's output becomes NAB detections (alerts start where the flag rises). */
public enum NabRule {
    /**
     * The first design: anomaly when the error's z exceeds the larger of the path's default (4) and
     * the largest z of the held-out probationary rows.
     */
    Z_PROBATION_MAX("z > max(4, max z on held-out probation rows)"),

    /**
     * Anomaly likelihood (Ahmad et al. 2017) of the z scores, short window 10 and long window 500,
     * anomalous above 0.99999, NuPIC's documented "red" threshold.
     */
    LIKELIHOOD("anomaly likelihood > 0.99999");

    private final String description;

    NabRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The scoring configuration the rule streams with. */
    ScoringConfig config(double minZ) {
        return switch (this) {
            case Z_PROBATION_MAX -> ScoringConfig.DEFAULTS.withThreshold(minZ);
            case LIKELIHOOD ->
                    ScoringConfig.fromMap(
                            Map.of(
                                    "likelihood.short.window", "10",
                                    "likelihood.long.window", "500",
                                    "likelihood.threshold", "0.99999"));
        };
    }
}
