package io.keyedrnn.model;

/**
 * Checks a batch of keys before any of them is stepped, so a bad slot leaves every state as it was.
 */
final class BatchSteps {
    private BatchSteps() {}

    static void checkShape(
            RecurrentNetwork net,
            int n,
            Object in,
            int inLength,
            float[][] states,
            float[][] outs,
            BatchWorkspace ws) {
        if (n < 0 || n > ws.capacity()) {
            throw new IllegalArgumentException(
                    "batch of " + n + " keys, the workspace holds 1.." + ws.capacity());
        }
        if (ws.width() < net.scratchSize()) {
            throw new IllegalArgumentException("the workspace was made for another network");
        }
        if (inLength < n || states.length < n || outs.length < n) {
            throw new IllegalArgumentException(
                    "batch of "
                            + n
                            + " keys but "
                            + inLength
                            + " inputs, "
                            + states.length
                            + " states, "
                            + outs.length
                            + " outputs");
        }
        for (int b = 0; b < n; b++) {
            checkSlot(net, b, states, outs);
        }
    }

    private static void checkSlot(RecurrentNetwork net, int b, float[][] states, float[][] outs) {
        float[] s = states[b];
        if (s == null || s.length != net.stateSize()) {
            throw new IllegalArgumentException(
                    "state of batch slot "
                            + b
                            + " has "
                            + (s == null ? "no array" : s.length + " floats")
                            + ", the network needs "
                            + net.stateSize());
        }
        if (outs[b] == null || outs[b].length < net.outputSize()) {
            throw new IllegalArgumentException(
                    "output of batch slot " + b + " is shorter than " + net.outputSize());
        }
        for (int a = 0; a < b; a++) {
            if (states[a] == s) {
                throw new IllegalArgumentException(
                        "batch slots "
                                + a
                                + " and "
                                + b
                                + " share one state array; a key may appear once per batch");
            }
        }
    }

    static void checkFeatures(RecurrentNetwork net, float[][] features, int n) {
        for (int b = 0; b < n; b++) {
            if (features[b] == null || features[b].length != net.inputSize()) {
                throw new IllegalArgumentException(
                        "batch slot "
                                + b
                                + ": expected "
                                + net.inputSize()
                                + " features, got "
                                + (features[b] == null ? "none" : features[b].length));
            }
        }
    }
}
