package io.keyedrnn.jobs.eval.nab;

import java.util.List;

/**
 * A NAB application profile: the weights of a detected window (A_TP), a missed window (A_FN) and a
 * false positive (A_FP).
 *
 * <p>Weights copied from numenta/NAB {@code config/profiles.json} (the version whose profiles are
 * named standard / reward_low_FP_rate / reward_low_FN_rate), the profiles of Lavin &amp; Ahmad
 * 2015. NAB also lists tnWeight = 1.0, but its scorer never uses it: true negatives score 0.
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP =
            new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN =
            new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /** The three profiles in the order NAB reports them. */
    public static final List<NabProfile> ALL = List.of(STANDARD, REWARD_LOW_FP, REWARD_LOW_FN);
}
