package io.keyedrnn.jobs.train.calibrate;

import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import java.util.Map;

/** Puts a trained network together with the metadata the model file records about it. */
public final class ModelAssembly {
    private ModelAssembly() {}

    /** The model with full metadata. */
    public static Model model(
            RecurrentNetwork net,
            PreparedData d,
            Calibration cal,
            long version,
            Map<String, Object> training) {
        return new Model(
                net,
                new ModelMetadata(
                                1,
                                net.cellKind().id(),
                                d.categorical() ? "softmax" : net.headKind().id(),
                                d.categorical() ? "categorical" : "numeric",
                                d.featureNames(),
                                d.vocabulary(),
                                d.normalizer(),
                                cal,
                                version,
                                training)
                        .withCalendar(d.calendar()));
    }
}
