package io.keyedrnn.jobs.eval.hdfs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A seeded random split of the normal sessions into training, validation and held-out parts. */
record SessionSplit(List<int[]> train, List<int[]> validation, List<int[]> heldOut) {

    static SessionSplit of(List<int[]> sessions, HdfsSettings s) {
        int n = sessions.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(s.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTrain = (int) Math.round(s.trainShare() * n);
        int nVal = (int) Math.round(s.validationShare() * n);
        List<int[]> train = pick(sessions, order, 0, Math.min(nTrain, s.maxTrain()));
        List<int[]> val = pick(sessions, order, nTrain, nTrain + nVal);
        List<int[]> held = pick(sessions, order, nTrain + nVal, n);
        if (train.isEmpty() || val.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException("split of " + n + " sessions leaves a part empty");
        }
        return new SessionSplit(train, val, held);
    }

    private static List<int[]> pick(List<int[]> all, int[] order, int from, int to) {
        List<int[]> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            out.add(all.get(order[i]));
        }
        return out;
    }
}
