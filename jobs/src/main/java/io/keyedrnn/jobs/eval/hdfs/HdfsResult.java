package io.keyedrnn.jobs.eval.hdfs;

import java.util.List;

/**
 * What one run of the hdfs suite measured.
 *
 * @param model which model was scored: the early-stopped one, or its refit on training and
 *     validation sessions
 * @param endToken whether sessions were closed with an end-of-session token
 * @param atDefault rates with DeepLog's g = 9
 * @param chosenG g chosen on the validation normals for the target FP rate
 * @param atChosen rates with that g
 * @param threshold surprisal threshold chosen on the validation normals for the target FP rate
 * @param atThreshold rates with that threshold (the {@code threshold} setting of a token stream)
 * @param eitherThreshold surprisal threshold of the combined rule (flagged outside the top {@code
 *     chosenG} or above this): the largest validation surprisal
 * @param atEither rates of the combined rule
 * @param endG g of the events under the end rule (the end judged by its own threshold)
 * @param endThreshold surprisal threshold of {@code <end>} records under the end rule: the largest
 *     validation end surprisal
 * @param atEnds rates of the end rule
 * @param shortRecall recall at g = 9 on abnormal sessions shorter than {@link
 *     HdfsSuite#SHORT_SESSION} keys (NaN if none)
 * @param longRecall recall at g = 9 on the other abnormal sessions (NaN if none)
 * @param heldOutFlagged the held-out normals the combined rule flags: keys, worst rank, worst
 *     surprisal
 */
public record HdfsResult(
        String model,
        boolean endToken,
        int trainSessions,
        int validationSessions,
        int heldOutSessions,
        int abnormalSessions,
        DetectionRates atDefault,
        int chosenG,
        DetectionRates atChosen,
        double threshold,
        DetectionRates atThreshold,
        double eitherThreshold,
        DetectionRates atEither,
        int endG,
        double endThreshold,
        DetectionRates atEnds,
        double shortRecall,
        double longRecall,
        List<String> heldOutFlagged,
        int bestEpoch,
        int epochsRun,
        double seconds) {}
