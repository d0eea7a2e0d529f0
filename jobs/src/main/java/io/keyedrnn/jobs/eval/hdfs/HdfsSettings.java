package io.keyedrnn.jobs.eval.hdfs;

/**
 * Settings of the hdfs suite, fixed before looking at the scored sessions. The network follows
 * DeepLog's (2 LSTM layers of 64 units) with a learned embedding in place of one-hot input.
 *
 * @param trainShare share of hdfs_train's sessions used for training
 * @param validationShare share used for early stopping and for choosing g; the rest is held out to
 *     measure false positives
 * @param maxAbnormal abnormal sessions scored (all 16,838 unless quick)
 * @param maxValidationFpRate g is the smallest with at most this share of validation sessions
 *     flagged
 */
public record HdfsSettings(
        double trainShare,
        double validationShare,
        int maxTrain,
        int maxAbnormal,
        int layers,
        int hidden,
        int embedding,
        int epochs,
        int patience,
        double maxValidationFpRate,
        long seed) {
    /** DeepLog's default g. */
    static final int DEFAULT_G = 9;

    public static HdfsSettings full(long seed) {
        return new HdfsSettings(
                0.6, 0.2, Integer.MAX_VALUE, Integer.MAX_VALUE, 2, 64, 16, 60, 4, 0.0, seed);
    }

    /** A small slice for CI. */
    public static HdfsSettings quick(long seed) {
        return new HdfsSettings(0.6, 0.2, 500, 1000, 1, 16, 8, 4, 2, 0.0, seed);
    }
}
