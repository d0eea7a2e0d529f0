package io.keyedrnn.jobs.eval.hdfs;

/**
 * Session-level detection counts on abnormal and held-out normal sessions, and the precision / F1
 * they imply at another class ratio (DeepLog's test split), since the normal test file is not
 * available.
 */
public record DetectionRates(long flaggedAbnormal, long abnormal, long flaggedNormal, long normal) {
    /** Normal sessions in DeepLog's HDFS test split (Du et al. 2017). */
    public static final long DEEPLOG_NORMAL = 553_366;

    /** Abnormal sessions in DeepLog's HDFS test split (= lines of hdfs_test_abnormal). */
    public static final long DEEPLOG_ABNORMAL = 16_838;

    public DetectionRates {
        if (abnormal <= 0 || normal <= 0) {
            throw new IllegalArgumentException(
                    "need abnormal and normal sessions, got " + abnormal + " and " + normal);
        }
        if (flaggedAbnormal < 0
                || flaggedAbnormal > abnormal
                || flaggedNormal < 0
                || flaggedNormal > normal) {
            throw new IllegalArgumentException("flagged counts outside 0..total");
        }
    }

    /** Share of abnormal sessions flagged. */
    public double recall() {
        return flaggedAbnormal / (double) abnormal;
    }

    /** Share of normal sessions flagged. */
    public double fpRate() {
        return flaggedNormal / (double) normal;
    }

    /**
     * One-sided 95% upper confidence bound of the FP rate (exact binomial, Clopper–Pearson): the
     * held-out normals are few, so a measured rate of 0 still allows a positive one.
     */
    public double fpRateUpper95() {
        return Binomial.upper(flaggedNormal, normal, 0.05);
    }

    /** Precision expected with normals : abnormals sessions at these rates. */
    public double precisionAt(long normals, long abnormals) {
        return precision(fpRate(), normals, abnormals);
    }

    /** The precision at the ratio if the FP rate were at its 95% upper bound. */
    public double precisionLower95At(long normals, long abnormals) {
        return precision(fpRateUpper95(), normals, abnormals);
    }

    private double precision(double fpRate, long normals, long abnormals) {
        double tp = recall() * abnormals;
        double fp = fpRate * normals;
        return tp + fp == 0 ? 0.0 : tp / (tp + fp);
    }

    /** F1 expected with normals : abnormals sessions at these rates. */
    public double f1At(long normals, long abnormals) {
        double p = precisionAt(normals, abnormals);
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
