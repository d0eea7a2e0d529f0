package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.train.prepare.PreparedData;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelMetadata;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Puts a trained network together with the metadata the model file records about it. */
final class ModelAssembly {
    private ModelAssembly() {}

    /** The model with full metadata. */
    static Model model(
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
                        d.categorical() ? "softmax" : "linear",
                        d.categorical() ? "categorical" : "numeric",
                        d.featureNames(),
                        d.vocabulary(),
                        d.normalizer(),
                        cal,
                        version,
                        training));
    }

    /** The effective training settings, recorded in the metadata and the report. */
    static Map<String, Object> config(TrainSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", s.cell.id());
        m.put("layers", s.layers);
        m.put("hidden", s.hidden);
        m.put("input_kind", s.categorical ? "categorical" : "numeric");
        if (s.categorical) {
            m.put("embedding", s.embedding);
            m.put("vocabulary_size", s.vocabularySize);
            m.put("unknown_tokens", s.unknownAsUnk ? "unk" : "skip");
        }
        m.put("epochs", s.epochs);
        m.put("optimizer", s.optimizer.name().toLowerCase(Locale.ROOT));
        m.put("lr", s.lr);
        m.put("momentum", s.momentum);
        m.put("batch_keys", s.batchKeys);
        m.put("tbptt", s.tbptt);
        m.put("clip", s.clip);
        m.put("seed", s.seed);
        m.put("shuffle", s.shuffle);
        m.put("threads", s.threads);
        m.put("normalize", s.zscore ? "zscore" : "none");
        m.put("validation_fraction", s.validationFraction);
        m.put("patience", s.patience);
        m.put("false_alarm_rate", s.falseAlarmRate);
        m.put("init", s.init == null ? null : s.init.toString());
        m.put("scoring", new TreeMap<>(s.scoring));
        return m;
    }
}
