package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.report.RunStatus;
import java.nio.file.Path;

/**
 * How one run of the retraining job ended.
 *
 * @param status what the run did
 * @param model the model file written (null unless a model was written)
 * @param version the model's version (0 unless a model was written)
 * @param message one line saying what happened, as the command prints it
 * @param publishedTo topic/partition@offset of the published model record, or null
 */
public record TrainingOutcome(
        RunStatus status, Path model, long version, String message, String publishedTo) {

    /** Whether a model file was written (and maybe published). */
    public boolean wroteModel() {
        return status.wroteModel();
    }
}
