package io.keyedrnn.jobs.scoring;

import io.keyedrnn.flink.DeadLetter;
import io.keyedrnn.flink.RawRecord;
import io.keyedrnn.flink.ScoringOptions;
import io.keyedrnn.flink.ScoringPipeline;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.jobs.kafka.KafkaPreflight;
import io.keyedrnn.jobs.kafka.KafkaWiring;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import io.keyedrnn.model.io.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming scoring job. Its caller supplies the sources (events, models) and sinks
 * (predictions, dead letters): tests pass in-memory ones, {@link #kafka} Kafka ones.
 *
 * <p>Main class for {@code flink run}: {@code flink run -c io.keyedrnn.jobs.scoring.ScoringJob
 * keyed-rnn.jar --config scoring.yaml [--bootstrap-servers H:P ...]} (see {@link ScoringArgs}). It
 * submits and returns; it never exits the JVM, which is the cluster's.
 */
public final class ScoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

    public static final String EVENTS_UID = "events-source";
    public static final String MODELS_UID = "models-source";
    public static final String PREDICTIONS_UID = "predictions-sink";
    public static final String DEAD_LETTERS_UID = "dead-letter-sink";

    private final Source<RawRecord, ?, ?> events;
    private final Source<RawRecord, ?, ?> models;
    private final Sink<Tuple2<String, byte[]>> predictions;
    private final Sink<DeadLetter> deadLetters;
    private final ScoringOptions options;

    public ScoringJob(
            Source<RawRecord, ?, ?> events,
            Source<RawRecord, ?, ?> models,
            Sink<Tuple2<String, byte[]>> predictions,
            Sink<DeadLetter> deadLetters,
            ScoringOptions options) {
        this.events = events;
        this.models = models;
        this.predictions = predictions;
        this.deadLetters = deadLetters;
        this.options = options;
    }

    /** The job on Kafka, as the settings describe it. */
    public static ScoringJob kafka(ScoringJobConfig c) throws IOException {
        return new ScoringJob(
                KafkaWiring.eventsSource(c),
                KafkaWiring.modelsSource(c),
                KafkaWiring.predictionsSink(c),
                KafkaWiring.deadLetterSink(c),
                options(c));
    }

    /** The operator options from the settings, reading the start-up model file if one is set. */
    public static ScoringOptions options(ScoringJobConfig c) throws IOException {
        ScoringOptions o =
                new ScoringOptions()
                        .scoring(c.scoringConfig())
                        .session(c.sessionConfig())
                        .fields(c.eventFields())
                        .inputKind(ScoringOptions.InputKind.fromId(c.get(JobSettings.INPUT_KIND)))
                        .features(c.get(JobSettings.INPUT_FEATURES))
                        .outputState(c.get(JobSettings.OUTPUT_STATE))
                        .predictionFormat(c.get(JobSettings.PREDICTION_FORMAT))
                        .stateTtlMs(c.get(JobSettings.STATE_TTL_MS))
                        .ringInOwnState(c.stateBackend().equals("rocksdb"))
                        .batching(c.get(JobSettings.BATCH_SIZE), c.get(JobSettings.BATCH_DELAY_MS))
                        .maxModelBytes(c.get(JobSettings.MODEL_MAX_BYTES))
                        .modelPointers(c.modelPointers());
        String path = c.get(JobSettings.MODEL_PATH);
        if (path != null) {
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model.path: no model file " + file);
            }
            o.startupModel(Files.readAllBytes(file), file.toString());
        }
        return o;
    }

    /**
     * The warning to show once for a start-up model whose metadata has no version, or null. A file
     * that does not load is not reported here: the operator refuses it with the full reason.
     */
    public String startupModelWarning() {
        byte[] file = options.startupModel();
        if (file == null) {
            return null;
        }
        try {
            ModelMetadata m =
                    ModelFile.read(file, options.startupModelName(), options.maxModelBytes())
                            .metadata();
            return m.hasVersion()
                    ? null
                    : ModelMetadata.absentVersionWarning(options.startupModelName());
        } catch (ModelFormatException e) {
            return null;
        }
    }

    /** Adds the job's operators to the environment. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<RawRecord> ev =
                env.fromSource(events, WatermarkStrategy.noWatermarks(), "events").uid(EVENTS_UID);
        // One reader suffices for the model topic; broadcast copies each model to every subtask.
        DataStream<RawRecord> md =
                env.fromSource(models, WatermarkStrategy.noWatermarks(), "models")
                        .uid(MODELS_UID)
                        .setParallelism(1);
        ScoringPipeline.Outputs out = ScoringPipeline.apply(ev, md, options);
        out.predictions().sinkTo(predictions).uid(PREDICTIONS_UID).name("predictions");
        out.deadLetters().sinkTo(deadLetters).uid(DEAD_LETTERS_UID).name("dead letters");
    }

    /** Builds and submits without waiting (the job runs until cancelled). */
    public JobClient executeAsync(StreamExecutionEnvironment env, String name) throws Exception {
        build(env);
        return env.executeAsync(name);
    }

    /** Entry point for {@code flink run}; see the class comment. */
    public static void main(String[] args) throws Exception {
        ScoringJobConfig c = ScoringArgs.parse(args);
        LOG.info("Scoring job settings: {}", c.masked());
        KafkaPreflight.check(c);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSetup.configuration(c));
        ScoringJob job = kafka(c);
        String warning = job.startupModelWarning();
        if (warning != null) {
            LOG.warn(warning);
        }
        job.build(env);
        // Detached submissions (REST, flink run -d) must not wait for or read the result.
        env.executeAsync(c.get("job.name", "keyed-rnn scoring"));
    }
}
