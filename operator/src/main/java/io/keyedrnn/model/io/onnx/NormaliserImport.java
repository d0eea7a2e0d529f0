package io.keyedrnn.model.io.onnx;

import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.Normalizer;
import java.util.Arrays;

/**
 * The z-score normaliser as keyed-rnn exports it: {@code Sub(features, mean)} then {@code Div(.,
 * std)} before layer 0, and, when the prediction has one value per feature, {@code Mul(., std)}
 * then {@code Add(., mean)} after the head, the scoring job's denormalisation.
 */
final class NormaliserImport {
    private final Constants constants;
    private final String source;
    private float[] mean;
    private float[] std;
    private float[] outScale;
    private float[] outShift;
    private String label;
    private String scaleLabel;

    NormaliserImport(Constants constants, String source) {
        this.constants = constants;
        this.source = source;
    }

    /** {@code Sub(features, mean)}. */
    void centre(OnnxNode node) throws ModelFormatException {
        mean = operand(node, 1, "mean");
        label = node.label();
    }

    /** {@code Div(centred, std)}. */
    void scale(OnnxNode node) throws ModelFormatException {
        std = operand(node, 1, "std");
        scaleLabel = node.label();
    }

    /** {@code Mul(prediction, std)}, either operand order. */
    void outputScale(OnnxNode node) throws ModelFormatException {
        outScale = operand(node, constants.contains(node.input(0)) ? 0 : 1, "scale");
    }

    /** {@code Add(scaled, mean)}, either operand order. */
    void outputShift(OnnxNode node) throws ModelFormatException {
        outShift = operand(node, constants.contains(node.input(0)) ? 0 : 1, "shift");
    }

    /**
     * The normaliser, or null without one; refuses a denormalisation that is not the inverse of the
     * input's, or one missing where keyed-rnn would apply it (prediction of one value per feature),
     * since the import would then not compute what the graph computes.
     */
    Normalizer finish(boolean layer0Normalised, int features, int outputs, boolean denormalised)
            throws ModelFormatException {
        if (!layer0Normalised) {
            if (denormalised) {
                throw fail("the prediction is scaled and shifted but the input is not normalised");
            }
            return null;
        }
        checkLength("mean", mean, features);
        checkLength("std", std, features);
        Normalizer n;
        try {
            n = new Normalizer(mean, std);
        } catch (IllegalArgumentException e) {
            throw fail(scaleLabel + ": " + e.getMessage());
        }
        boolean expected = outputs == features;
        if (expected && !denormalised) {
            throw fail(
                    "the input is normalised but the prediction of "
                            + outputs
                            + " values (one per feature) is not denormalised by Mul(std) then"
                            + " Add(mean), as keyed-rnn's scoring job would do");
        }
        if (!expected && denormalised) {
            throw fail(
                    "the prediction of "
                            + outputs
                            + " values is denormalised but the model has "
                            + features
                            + " features");
        }
        if (denormalised && (!Arrays.equals(outScale, std) || !Arrays.equals(outShift, mean))) {
            throw fail("the prediction's denormalisation is not the inverse of " + label);
        }
        return n;
    }

    private float[] operand(OnnxNode node, int k, String what) throws ModelFormatException {
        OnnxTensor t = constants.get(node.input(k));
        if (t == null) {
            throw fail(
                    node.label()
                            + ": input "
                            + k
                            + " ("
                            + what
                            + ") '"
                            + node.input(k)
                            + "' is not an initializer or Constant");
        }
        long[] d = t.dims();
        for (int i = 0; i + 1 < d.length; i++) {
            if (d[i] != 1) {
                throw fail(
                        node.label()
                                + ": "
                                + what
                                + " '"
                                + t.name()
                                + "' has shape "
                                + t.shapeText()
                                + "; expected one value per feature");
            }
        }
        return t.floats(source, node.label() + " " + what);
    }

    private void checkLength(String what, float[] v, int features) throws ModelFormatException {
        if (v == null || v.length != features) {
            throw fail(
                    label
                            + ": the normaliser's "
                            + what
                            + " has "
                            + (v == null ? 0 : v.length)
                            + " values but layer 0 takes "
                            + features
                            + " features");
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(source, problem);
    }
}
