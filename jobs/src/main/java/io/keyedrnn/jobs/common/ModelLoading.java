package io.keyedrnn.jobs.common;

import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a model file for a command, turning problems into {@link JobException}s. */
public final class ModelLoading {
    private ModelLoading() {}

    /** The model at path; a missing file is a usage error, a broken one a failure. */
    public static Model read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw JobException.badInput("no model file " + path);
        }
        try {
            return ModelFile.read(path);
        } catch (ModelFormatException e) {
            throw new JobException(JobException.FAILED, "bad model file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new JobException(
                    JobException.FAILED, "cannot read model file " + path + ": " + e, e);
        }
    }
}
