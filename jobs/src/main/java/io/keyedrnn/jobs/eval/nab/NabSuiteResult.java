package io.keyedrnn.jobs.eval.nab;

import java.util.List;
import java.util.Map;

/**
 * What the nab suite measured: per rule, one corpus result per profile (in {@link NabProfile#ALL}
 * order).
 */
public record NabSuiteResult(
        int files,
        Map<NabRule, List<NabResult>> results,
        List<PublishedScores> published,
        double seconds) {}
