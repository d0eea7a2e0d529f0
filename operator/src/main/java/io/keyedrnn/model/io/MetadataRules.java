package io.keyedrnn.model.io;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.HeadKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What metadata may claim about a network, checked against the facts the tensors establish. The
 * reader and the writer share these rules, so the writer never produces a file the reader refuses.
 */
final class MetadataRules {
    static final String NONE = "none";
    static final String LINEAR = "linear";
    static final String SOFTMAX = "softmax";
    static final String GAUSSIAN = "gaussian";

    /**
     * What the tensors say about a network.
     *
     * @param gates gate blocks of every layer
     * @param inputSize numeric features, or the embedding dimension
     * @param headOutputs outputs of head.weight, 0 without a head
     * @param vocabulary rows of embedding.weight, 0 for numeric input
     */
    record Facts(int gates, int inputSize, int headOutputs, int vocabulary) {
        boolean categorical() {
            return vocabulary > 0;
        }
    }

    private final String source;

    MetadataRules(String source) {
        this.source = source;
    }

    /** The cell: the metadata's, which must agree with the gate count, else the gate count's. */
    CellKind cell(ModelMetadata m, int gates) throws ModelFormatException {
        if (m.cell() == null) {
            try {
                return CellKind.fromGateCount(gates);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }
        CellKind kind;
        try {
            kind = CellKind.fromId(m.cell());
        } catch (IllegalArgumentException e) {
            throw fail("metadata cell: " + e.getMessage());
        }
        if (kind.gates() != gates) {
            throw fail(
                    "metadata cell "
                            + m.cell()
                            + " has "
                            + kind.gates()
                            + " gate blocks but weight_hh_l0 has "
                            + gates);
        }
        return kind;
    }

    /** Whether the output is a softmax; checks metadata output against head and embedding. */
    boolean softmax(ModelMetadata m, Facts f) throws ModelFormatException {
        boolean head = f.headOutputs() > 0;
        if (f.categorical() && !head) {
            throw fail("a categorical model (embedding.weight) needs head.weight");
        }
        if (f.categorical() && f.headOutputs() != f.vocabulary()) {
            throw fail(
                    "head.weight has "
                            + f.headOutputs()
                            + " outputs but embedding.weight has "
                            + f.vocabulary()
                            + " tokens; a categorical head scores every token");
        }
        String output = m.output();
        if (output == null) {
            return f.categorical();
        }
        switch (output) {
            case NONE:
                if (head) {
                    throw fail("metadata output 'none' but the file has head.weight");
                }
                return false;
            case LINEAR:
                if (!head || f.categorical()) {
                    throw fail(
                            head
                                    ? "metadata output 'linear' contradicts embedding.weight;"
                                            + " categorical models output a softmax"
                                    : "metadata output 'linear' needs head.weight");
                }
                return false;
            case SOFTMAX:
                if (!head) {
                    throw fail("metadata output 'softmax' needs head.weight");
                }
                return true;
            case GAUSSIAN:
                checkGaussian(f);
                return false;
            default:
                throw fail(
                        "metadata output '"
                                + output
                                + "' is not none, linear, softmax or gaussian");
        }
    }

    /** A Gaussian head is numeric, with a mean and a log-variance per feature. */
    private void checkGaussian(Facts f) throws ModelFormatException {
        if (f.categorical() || f.headOutputs() != HeadKind.GAUSSIAN.outputs(f.inputSize())) {
            throw fail(
                    "metadata output 'gaussian' needs numeric input and a head.weight of 2 × "
                            + f.inputSize()
                            + " outputs (means, then log-variances); the file has "
                            + (f.categorical() ? "embedding.weight and " : "")
                            + f.headOutputs()
                            + " head outputs");
        }
    }

    /** The head kind the metadata states; call after {@link #softmax} accepted the output. */
    HeadKind headKind(ModelMetadata m) {
        return GAUSSIAN.equals(m.output()) ? HeadKind.GAUSSIAN : HeadKind.LINEAR;
    }

    /** Checks input kind, vocabulary, feature names, normaliser and calibration. */
    void checkInput(ModelMetadata m, Facts f) throws ModelFormatException {
        String kind = m.inputKind();
        if (kind != null && !kind.equals(f.categorical() ? "categorical" : "numeric")) {
            throw fail(
                    "metadata input_kind '"
                            + kind
                            + "' but the file "
                            + (f.categorical() ? "has" : "has no")
                            + " embedding.weight");
        }
        if (m.vocabulary() != null) {
            checkVocabulary(m.vocabulary(), f);
        }
        int calendar = checkCalendar(m, f);
        if (m.featureNames() != null) {
            checkNumeric("feature_names", m.featureNames().size(), calendar, f);
        }
        if (m.normalizer() != null) {
            checkNumeric("normalizer", m.normalizer().size(), 0, f);
        }
        if (m.calibration() != null) {
            checkCalibration(m.calibration(), f);
        }
        if (m.version() < 0) {
            throw fail("metadata version " + m.version() + " is negative");
        }
    }

    /** The {@code input} object tools/golden writes must agree with the tensors and input_kind. */
    void checkDeclaredInput(MetadataCodec.Parsed p, Facts f) throws ModelFormatException {
        String actual = f.categorical() ? "categorical" : "numeric";
        String kind = p.inputKind();
        if (kind != null && !kind.equals(actual)) {
            throw fail(
                    "metadata input.kind '"
                            + kind
                            + "' but the file "
                            + (f.categorical() ? "has" : "has no")
                            + " embedding.weight");
        }
        String other = p.metadata().inputKind();
        if (kind != null && other != null && !kind.equals(other)) {
            throw fail("metadata input.kind '" + kind + "' contradicts input_kind '" + other + "'");
        }
        if (p.inputSize() != null && p.inputSize() != f.inputSize()) {
            throw fail(
                    "metadata input.size "
                            + p.inputSize()
                            + " but weight_ih_l0 takes "
                            + f.inputSize());
        }
        if (p.vocabularySize() != null && p.vocabularySize() != f.vocabulary()) {
            throw fail(
                    "metadata input.vocabulary_size "
                            + p.vocabularySize()
                            + " but embedding.weight has "
                            + f.vocabulary()
                            + " rows");
        }
    }

    /**
     * The network inputs the metadata's calendar adds (0 without one): only for numeric input, each
     * input listed once, at least one of the event's own features left, and no Gaussian head.
     */
    private int checkCalendar(ModelMetadata m, Facts f) throws ModelFormatException {
        if (m.calendar() == null) {
            return 0;
        }
        if (f.categorical()) {
            throw fail("metadata calendar is for numeric input but the file has embedding.weight");
        }
        if (GAUSSIAN.equals(m.output())) {
            // Serving scores a Gaussian head's σ over every input; calendar inputs are not scored.
            throw fail("metadata calendar cannot be combined with output 'gaussian'");
        }
        int width = CalendarInputs.ofIds(m.calendar(), source).width();
        if (width >= f.inputSize()) {
            throw fail(
                    "metadata calendar "
                            + m.calendar()
                            + " takes "
                            + width
                            + " of the "
                            + f.inputSize()
                            + " inputs of weight_ih_l0, leaving no event feature");
        }
        return width;
    }

    private void checkCalibration(Calibration c, Facts f) throws ModelFormatException {
        if (c.topG() != null && (c.topG() < 1 || (f.categorical() && c.topG() > f.vocabulary()))) {
            throw fail("metadata calibration top_g " + c.topG() + " is outside [1, vocabulary]");
        }
        checkNumber("error_mean", c.errorMean(), Double.NEGATIVE_INFINITY);
        checkNumber("error_std", c.errorStd(), 0);
        checkNumber("threshold", c.threshold(), Double.NEGATIVE_INFINITY);
        checkNumber("false_alarm_rate", c.falseAlarmRate(), 0);
        if (c.falseAlarmRate() != null && c.falseAlarmRate() > 1) {
            throw fail(
                    "metadata calibration false_alarm_rate " + c.falseAlarmRate() + " is above 1");
        }
    }

    /** A calibration number, if present, must be finite and at least {@code min}. */
    private void checkNumber(String field, Double value, double min) throws ModelFormatException {
        if (value != null && (!Double.isFinite(value) || value < min)) {
            throw fail(
                    "metadata calibration "
                            + field
                            + " is "
                            + value
                            + (min == 0
                                    ? "; it must be finite and not negative"
                                    : "; it must be finite"));
        }
    }

    private void checkVocabulary(List<String> vocabulary, Facts f) throws ModelFormatException {
        if (!f.categorical()) {
            throw fail("metadata has a vocabulary but the file has no embedding.weight");
        }
        if (vocabulary.size() != f.vocabulary()) {
            throw fail(
                    "metadata vocabulary has "
                            + vocabulary.size()
                            + " tokens but embedding.weight has "
                            + f.vocabulary()
                            + " rows");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            String token = vocabulary.get(i);
            if (token == null || !seen.add(token)) {
                throw fail(
                        "metadata vocabulary entry " + i + " is null or repeats '" + token + "'");
            }
        }
    }

    /** A numeric field of size entries, which with calendar more must cover weight_ih_l0. */
    private void checkNumeric(String field, int size, int calendar, Facts f)
            throws ModelFormatException {
        if (f.categorical()) {
            throw fail(
                    "metadata "
                            + field
                            + " is for numeric input but the file has embedding.weight");
        }
        if (size + calendar != f.inputSize()) {
            throw fail(
                    "metadata "
                            + field
                            + " has "
                            + size
                            + " features but weight_ih_l0 takes "
                            + f.inputSize()
                            + (calendar > 0 ? " (" + calendar + " of them calendar inputs)" : ""));
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
