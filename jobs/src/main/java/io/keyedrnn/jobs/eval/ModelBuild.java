package io.keyedrnn.jobs.eval;

import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import java.util.List;
import java.util.Map;

/**
 * Packs a trained network with its normaliser, vocabulary and calibration into a versioned model
 * and passes it through the model file format, as a published model reaches the scoring job.
 */
public final class ModelBuild {
    private ModelBuild() {}

    /** The model as the scoring job would load it from the published file bytes. */
    public static Model publish(
            RecurrentNetwork net,
            List<String> featureNames,
            List<String> vocabulary,
            Normalizer normalizer,
            Calibration calibration,
            long version,
            Map<String, Object> training) {
        ModelMetadata md =
                new ModelMetadata(
                        1,
                        null,
                        null,
                        null,
                        featureNames,
                        vocabulary,
                        normalizer,
                        calibration,
                        version,
                        training);
        String name = "eval-model-v" + version;
        try {
            return ModelFile.read(ModelFile.toBytes(new Model(net, md)), name);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("a freshly written model did not read back: " + e, e);
        }
    }
}
