package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;

/** The doc_string of an exported model: how a stateless runtime steps it, in words. */
final class ExportDoc {
    private ExportDoc() {}

    static String text(Model model) {
        RecurrentNetwork n = model.network();
        boolean norm = model.metadata().normalizer() != null;
        StringBuilder s = new StringBuilder();
        s.append("keyed-rnn ")
                .append(n.layers().size())
                .append("-layer ")
                .append(n.cellKind().id())
                .append(" model, stepped one event per run (batch rows are independent keys).\n");
        if (n.isCategorical()) {
            s.append("Input token [batch] INT64: the event's token id in [0, ")
                    .append(n.inputSize())
                    .append("), its index in metadata_props keyed_rnn's vocabulary")
                    .append(" (without one: the token is the id); the graph looks up its")
                    .append(" embedding row with Gather (ONNX reads a negative id from the end;")
                    .append(" keyed-rnn refuses it).\n");
        } else {
            s.append("Input features [batch, ")
                    .append(n.inputSize())
                    .append("]: the event's raw features")
                    .append(norm ? ", z-score normalised inside the graph.\n" : ".\n");
        }
        for (int k = 0; k < n.layers().size(); k++) {
            RecurrentLayer l = n.layers().get(k);
            s.append("Input h_l").append(k);
            if (l.kind().hasCellState()) {
                s.append(", c_l").append(k);
            }
            s.append(" [1, batch, ")
                    .append(l.hiddenSize())
                    .append("]: the key's state before the event (zeros for a new key); outputs")
                    .append(" h_l")
                    .append(k)
                    .append("_out")
                    .append(l.kind().hasCellState() ? ", c_l" + k + "_out" : "")
                    .append(": the state after it, fed back on the key's next event.\n");
        }
        s.append("Output prediction [batch, ")
                .append(n.outputSize())
                .append("]: ")
                .append(output(n))
                .append(
                        norm && n.outputSize() == n.inputSize()
                                ? ", denormalised to feature units as keyed-rnn's scoring job does."
                                : ".");
        return s.toString();
    }

    private static String output(RecurrentNetwork n) {
        if (n.isCategorical()) {
            return "the probability of every token being the key's next one (softmax of the linear"
                    + " head); the next event's score is its token's rank and probability here";
        }
        if (n.head() == null) {
            return "the top layer's h";
        }
        return n.hasSoftmax()
                ? "the softmax of the linear head's output"
                : "the linear head's output";
    }
}
