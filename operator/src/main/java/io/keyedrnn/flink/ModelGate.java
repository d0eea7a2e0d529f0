package io.keyedrnn.flink;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.ScoringConfig;
import java.util.Arrays;

/**
 * Decides whether a model record replaces the model in use. It must be a valid model file, newer
 * than the current model (the same version with the same bytes is a harmless repeat), and take the
 * stream's input: the same kind (numeric or categorical) and, for numeric streams, the configured
 * feature count and the current model's.
 */
final class ModelGate {
    private final ScoringConfig config;
    private final boolean categoricalStream;
    private final int streamFeatures;
    private final long maxModelBytes;
    private final ModelPointerPolicy pointers;

    ModelGate(
            ScoringConfig config,
            boolean categoricalStream,
            int streamFeatures,
            long maxBytes,
            ModelPointerPolicy pointers) {
        this.config = config;
        this.categoricalStream = categoricalStream;
        this.streamFeatures = streamFeatures;
        this.maxModelBytes = maxBytes;
        this.pointers = pointers;
    }

    /** A servable for the model file, checked only as a file and against the stream. */
    ModelServable load(byte[] file, String origin) throws ModelRejected {
        Model model;
        try {
            model = ModelFile.read(file, origin, maxModelBytes);
        } catch (ModelFormatException e) {
            throw new ModelRejected(JobReason.MODEL_INVALID, e.getMessage(), e);
        }
        checkInput(model, origin);
        try {
            return new ModelServable(model, config);
        } catch (RuntimeException e) {
            throw new ModelRejected(JobReason.MODEL_INVALID, origin + ": " + e.getMessage(), e);
        }
    }

    /** A model that passed the gate: its servable and its file bytes. */
    record Accepted(ModelServable servable, byte[] file) {}

    /**
     * The model that replaces {@code current} (null when there is none), or null when the record
     * repeats the current model.
     */
    Accepted decide(byte[] recordValue, String origin, ModelServable current, byte[] currentFile)
            throws ModelRejected {
        byte[] file = ModelRecordReader.fileBytes(recordValue, maxModelBytes, pointers);
        ModelServable next = load(file, origin);
        if (current == null) {
            return new Accepted(next, file);
        }
        long have = current.model().version();
        long got = next.model().version();
        if (got == have && currentFile != null && Arrays.equals(file, currentFile)) {
            return null;
        }
        if (got <= have) {
            throw new ModelRejected(
                    JobReason.MODEL_NOT_NEWER,
                    origin
                            + ": model version "
                            + got
                            + " is not newer than version "
                            + have
                            + " in use");
        }
        Model now = current.model();
        if (!now.network().isCategorical() && now.eventFeatures() != next.model().eventFeatures()) {
            throw new ModelRejected(
                    JobReason.MODEL_INPUT_MISMATCH,
                    origin
                            + ": model version "
                            + got
                            + " takes "
                            + next.model().eventFeatures()
                            + " features, the model in use "
                            + now.eventFeatures());
        }
        return new Accepted(next, file);
    }

    private void checkInput(Model model, String origin) throws ModelRejected {
        RecurrentNetwork net = model.network();
        if (net.isCategorical() != categoricalStream) {
            throw new ModelRejected(
                    JobReason.MODEL_INPUT_MISMATCH,
                    origin
                            + ": the model takes "
                            + (net.isCategorical() ? "tokens" : "features")
                            + " but the stream is "
                            + (categoricalStream ? "categorical" : "numeric")
                            + " (input.kind)");
        }
        if (!categoricalStream && streamFeatures > 0 && model.eventFeatures() != streamFeatures) {
            throw new ModelRejected(
                    JobReason.MODEL_INPUT_MISMATCH,
                    origin
                            + ": the model takes "
                            + model.eventFeatures()
                            + " features but the stream has "
                            + streamFeatures
                            + " (input.features)");
        }
    }
}
