package io.keyedrnn.jobs.train.history;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.jobs.kafka.TrainKafka;
import io.keyedrnn.jobs.kafka.TrainKafkaSettings;
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
 * @param currentOrigin where the current model came from (null without one)
 * @param featureNames the CSV header's feature names (empty for JSON lines)
 * @param version the new model's version
 */
public record RunInputs(
        Model init, Model current, String currentOrigin, List<String> featureNames, long version) {

    /**
     * What the checks read.
     *
     * @param init the {@code --init} file, {@link #CURRENT} for the newest model on the models
     *     topic, or null
     * @param categorical whether the run trains on tokens
     * @param files the event files (empty when reading Kafka)
     * @param spec how the files' records become events
     * @param kafka brokers and topics (a null broker: no Kafka)
     * @param version the requested version, or null
     */
    public record Request(
            Path init,
            boolean categorical,
            List<Path> files,
            ReadSpec spec,
            TrainKafkaSettings kafka,
            Long version) {
        /** {@code --init current}: warm start from the model in service, whatever it is. */
        public static final Path CURRENT = Path.of("current");

        boolean initFromTopic() {
            return CURRENT.equals(init);
        }
    }

    /**
     * Checks everything that can be checked before the long steps: the initial model, the files,
     * broker and topics, and the new version (usage errors exit with 2 before any work).
     */
    public static RunInputs check(Request q, PrintWriter out, long now) throws IOException {
        Model init = q.init() != null && !q.initFromTopic() ? ModelLoading.read(q.init()) : null;
        checkInit(q, init);
        List<String> names = checkFiles(q);
        if (q.kafka().bootstrapServers() != null) {
            TrainKafka.check(q.kafka());
        }
        TrainKafka.Current topic =
                q.kafka().modelsTopic() != null ? TrainKafka.latestModel(q.kafka()) : null;
        Model onTopic = topic != null ? topic.model() : null;
        if (q.initFromTopic()) {
            init = initFromTopic(q, onTopic);
        }
        if (topic != null && topic.unreadable() > 0) {
            out.println(
                    "models topic: "
                            + topic.unreadable()
                            + " record(s) are not model files and were ignored (pointer records"
                            + " are not followed)");
        }
        Model current = onTopic != null ? onTopic : init;
        String origin =
                current == null ? null : current == onTopic ? topic.origin() : q.init().toString();
        long base =
                Math.max(
                        init != null ? init.version() : 0, onTopic != null ? onTopic.version() : 0);
        try {
            long version = Versions.next(q.version(), base, now);
            return new RunInputs(init, current, origin, names, version);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw JobException.badInput(e.getMessage());
        }
    }

    /** The model in service as the initial one; a usage error when there is none yet. */
    private static Model initFromTopic(Request q, Model onTopic) {
        if (q.kafka().modelsTopic() == null) {
            throw JobException.badInput(
                    "--init current warm-starts from the newest model on the models topic: add"
                            + " --models-topic M and --bootstrap-servers H:P");
        }
        if (onTopic == null) {
            throw JobException.badInput(
                    "--init current: no model on the models topic "
                            + q.kafka().modelsTopic()
                            + " yet; train the first one without --init");
        }
        checkInit(q, onTopic);
        return onTopic;
    }

    private static void checkInit(Request q, Model init) {
        if (init != null && init.network().isCategorical() != q.categorical()) {
            throw JobException.badInput(
                    "--init "
                            + q.init()
                            + " takes "
                            + (init.network().isCategorical()
                                    ? "tokens; add --token"
                                    : "numeric features; drop --token"));
        }
    }

    /** Checks the files and CSV headers before any job runs; returns the CSV feature names. */
    private static List<String> checkFiles(Request q) throws IOException {
        List<CsvLayout> layouts = new ArrayList<>();
        for (Path f : q.files()) {
            try {
                layouts.add(FileEvents.check(f, q.spec()));
            } catch (IllegalArgumentException e) {
                throw JobException.badInput(e.getMessage());
            }
        }
        return FileEvents.featureNames(layouts);
    }
}
