package io.keyedrnn.model.io;

import io.keyedrnn.model.Embedding;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import java.util.List;

/** A text account of what a model holds, as {@code keyed-rnn inspect} prints it. */
public final class ModelSummary {
    /** Vocabulary tokens listed before eliding the rest. */
    private static final int TOKENS_SHOWN = 10;

    private ModelSummary() {}

    /**
     * Architecture, cell, layers and sizes, parameter count, version and metadata, one per line.
     */
    public static String describe(Model model) {
        RecurrentNetwork n = model.network();
        ModelMetadata m = model.metadata();
        StringBuilder s = new StringBuilder();
        line(s, "architecture", architecture(n));
        line(s, "cell", n.cellKind().id() + " (" + n.cellKind().gates() + " gate blocks)");
        line(s, "layers", String.valueOf(n.layers().size()));
        for (int k = 0; k < n.layers().size(); k++) {
            RecurrentLayer l = n.layers().get(k);
            int rows = l.kind().gates() * l.hiddenSize();
            line(
                    s,
                    "  layer " + k,
                    String.format(
                            "input %d, hidden %d, weight_ih [%d, %d], weight_hh [%d, %d], %d"
                                    + " parameters",
                            l.inputSize(),
                            l.hiddenSize(),
                            rows,
                            l.inputSize(),
                            rows,
                            l.hiddenSize(),
                            l.parameterCount()));
        }
        line(s, "input", input(n, m));
        line(s, "output", output(n));
        line(s, "state per key", n.stateSize() + " floats");
        line(s, "parameters", String.valueOf(n.parameterCount()));
        line(
                s,
                "version",
                m.hasVersion()
                        ? String.valueOf(m.version())
                        : "none (the metadata has no version; served as 0)");
        metadata(s, m);
        return s.toString();
    }

    private static String architecture(RecurrentNetwork n) {
        StringBuilder s = new StringBuilder();
        s.append(n.layers().size()).append("-layer ").append(n.cellKind().id()).append(": ");
        Embedding e = n.embedding();
        if (e != null) {
            s.append(e.vocabularySize()).append(" tokens -> embedding ").append(e.dimension());
        } else {
            s.append(n.inputSize()).append(" features");
        }
        for (RecurrentLayer l : n.layers()) {
            s.append(" -> ").append(l.hiddenSize());
        }
        Linear head = n.head();
        if (head != null) {
            s.append(" -> ")
                    .append(n.hasSoftmax() ? "softmax " : n.isGaussian() ? "gaussian " : "linear ")
                    .append(head.outputSize());
        }
        return s.toString();
    }

    private static String input(RecurrentNetwork n, ModelMetadata m) {
        Embedding e = n.embedding();
        if (e != null) {
            return "categorical, vocabulary of "
                    + e.vocabularySize()
                    + ", embedding dimension "
                    + e.dimension();
        }
        String names = m.featureNames() == null ? "" : " " + m.featureNames();
        String norm = m.normalizer() == null ? ", raw" : ", z-score normalised";
        if (m.calendar() == null) {
            return "numeric, " + n.inputSize() + " features" + names + norm;
        }
        int calendar = 2 * m.calendar().size();
        return "numeric, "
                + (n.inputSize() - calendar)
                + " features"
                + names
                + " and "
                + calendar
                + " calendar inputs "
                + m.calendar()
                + " from the event time"
                + norm;
    }

    private static String output(RecurrentNetwork n) {
        Linear head = n.head();
        if (head == null) {
            return "top layer's h (" + n.topHiddenSize() + " values), no head";
        }
        String kind =
                n.hasSoftmax()
                        ? "softmax"
                        : n.isGaussian() ? "gaussian (means, then log-variances)" : "linear";
        return kind + " head " + head.inputSize() + " -> " + head.outputSize();
    }

    private static void metadata(StringBuilder s, ModelMetadata m) {
        if (m.equals(ModelMetadata.empty())) {
            line(s, "metadata", "none (plain PyTorch file)");
            return;
        }
        line(s, "metadata format", String.valueOf(m.format()));
        if (m.vocabulary() != null) {
            List<String> v = m.vocabulary();
            String shown = v.subList(0, Math.min(TOKENS_SHOWN, v.size())).toString();
            line(
                    s,
                    "vocabulary",
                    v.size() + " tokens " + shown + (v.size() > TOKENS_SHOWN ? " ..." : ""));
        }
        if (m.normalizer() != null) {
            line(s, "normalizer", m.normalizer().toString());
        }
        if (m.calibration() != null) {
            line(s, "calibration", json(m.calibration()));
        }
        if (m.training() != null) {
            line(s, "training", json(m.training()));
        }
    }

    private static String json(Object o) {
        return MetadataCodec.toJson(o);
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(label).append(": ").append(value).append('\n');
    }
}
