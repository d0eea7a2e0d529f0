package io.keyedrnn.jobs.eval.nab;

import java.nio.file.Path;
import java.util.List;

/**
 * What the nab suite measured, one result per profile in {@link NabProfile#ALL} order for each of
 * the two thresholds.
 *
 * @param protocol at NAB's optimised threshold: one per profile, chosen on the labels
 * @param deployable at the detector's configured alert threshold, fixed before any label
 * @param results the results file of each scored corpus file, or empty when none were written
 */
public record NabSuiteResult(
        int files,
        List<NabResult> protocol,
        List<NabResult> deployable,
        List<PublishedScores> published,
        List<Path> results,
        double seconds) {}
