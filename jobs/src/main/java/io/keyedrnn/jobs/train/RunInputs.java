package io.keyedrnn.jobs.train;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.jobs.kafka.TrainKafka;
import io.keyedrnn.jobs.train.history.CsvLayout;
import io.keyedrnn.jobs.train.history.FileEvents;
import io.keyedrnn.jobs.train.history.ReadSpec;
import io.keyedrnn.model.io.Model;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training run starts from, checked before the long steps: the initial model, the current
 * model (newest on the models topic, else the initial one), the CSV feature names, and the new
 * version.
 *
 * @param init the {@code --init} model, or null
 * @param current the model the new one must beat, or null
 * @param featureNames the CSV header's feature names (empty for JSON lines)
 */
record RunInputs(Model init, Model current, List<String> featureNames) {

    /**
     * Checks everything that can be checked before the long steps: the initial model, the files,
     * broker and topics, and the new version (usage errors exit with 2 before any work).
     */
    static RunInputs check(TrainSettings s, RunRecord r, PrintWriter out, long now)
            throws IOException {
        Model init = s.init != null ? ModelLoading.read(s.init) : null;
        checkInit(s, init);
        List<String> names = checkFiles(s);
        if (s.bootstrapServers != null) {
            TrainKafka.check(s.kafka());
        }
        TrainKafka.Current topic = s.modelsTopic != null ? TrainKafka.latestModel(s.kafka()) : null;
        Model onTopic = topic != null ? topic.model() : null;
        if (topic != null && topic.unreadable() > 0) {
            out.println(
                    "models topic: "
                            + topic.unreadable()
                            + " record(s) are not model files and were ignored (pointer records"
                            + " are not followed)");
        }
        Model current = onTopic != null ? onTopic : init;
        if (current != null) {
            r.currentVersion = current.version();
            r.currentOrigin = current == onTopic ? topic.origin() : s.init.toString();
        }
        long base =
                Math.max(
                        init != null ? init.version() : 0, onTopic != null ? onTopic.version() : 0);
        try {
            r.version = Versions.next(s.version, base, now);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw JobException.badInput(e.getMessage());
        }
        return new RunInputs(init, current, names);
    }

    private static void checkInit(TrainSettings s, Model init) {
        if (init != null && init.network().isCategorical() != s.categorical) {
            throw JobException.badInput(
                    "--init "
                            + s.init
                            + " takes "
                            + (init.network().isCategorical()
                                    ? "tokens; add --token"
                                    : "numeric features; drop --token"));
        }
    }

    /** Checks the files and CSV headers before any job runs; returns the CSV feature names. */
    private static List<String> checkFiles(TrainSettings s) throws IOException {
        List<CsvLayout> layouts = new ArrayList<>();
        ReadSpec spec = ReadSpec.of(s.fields, s.categorical, s.features, s.csv);
        for (Path f : s.files) {
            try {
                layouts.add(FileEvents.check(f, spec));
            } catch (IllegalArgumentException e) {
                throw JobException.badInput(e.getMessage());
            }
        }
        return FileEvents.featureNames(layouts);
    }
}
