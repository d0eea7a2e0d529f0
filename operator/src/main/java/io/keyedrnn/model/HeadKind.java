package io.keyedrnn.model;

import java.util.Locale;

/** What a numeric network's head predicts: the next step (linear) or its mean and variance. */
public enum HeadKind {
    /** F next-step values, trained on squared error. */
    LINEAR("linear"),
    /** F means then F log-variances ({@link GaussianHead}), trained on Gaussian NLL. */
    GAUSSIAN("gaussian");

    private final String id;

    HeadKind(String id) {
        this.id = id;
    }

    /** The name in settings and in the model metadata's {@code output}. */
    public String id() {
        return id;
    }

    /** Head outputs for a numeric network of that many features. */
    public int outputs(int features) {
        return this == GAUSSIAN ? 2 * features : features;
    }

    /** The kind of that id (case-insensitive); throws naming the known ids otherwise. */
    public static HeadKind fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT);
        for (HeadKind k : values()) {
            if (k.id.equals(norm)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown head '" + id + "'; use linear or gaussian");
    }
}
