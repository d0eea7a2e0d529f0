package io.keyedrnn.jobs.demo;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.local.LocalFlink;
import io.keyedrnn.jobs.scoring.FlinkSetup;
import io.keyedrnn.jobs.scoring.ScoringJob;
import io.keyedrnn.jobs.scoring.ScoringJobConfig;
import io.keyedrnn.jobs.train.Retraining;
import io.keyedrnn.jobs.train.TrainingOutcome;
import io.keyedrnn.jobs.train.report.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole system in one JVM: embedded Kafka, generated hosts with injected anomalies, a first
 * model trained by the {@code train} command on their history, the scoring job on a MiniCluster
 * with checkpoints, a retrain and hot swap halfway, and a live summary until the time is up or
 * {@link #stop()} (Ctrl-C).
 */
public final class DemoRunner {
    static final String EVENTS = "events";
    static final String PREDICTIONS = "predictions";
    static final String MODELS = "models";
    static final String DEAD = "dead-letters";

    private final DemoSettings s;
    private final PrintWriter out;
    private final CountDownLatch stop = new CountDownLatch(1);

    public DemoRunner(DemoSettings s, PrintWriter out) {
        this.s = s;
        this.out = out;
    }

    /** Asks a running demo to shut down early (from a shutdown hook or another thread). */
    public void stop() {
        stop.countDown();
    }

    /** What a demo run saw, from the committed predictions and dead letters. */
    public record Result(
            long produced,
            long predictions,
            long deadLetters,
            Map<Long, Long> predictionsByVersion,
            double precision,
            double recall) {}

    /** Runs the demo until the time is up or {@link #stop()}. */
    public Result run() throws Exception {
        Files.createDirectories(s.workDir());
        say("starting Kafka (in this JVM)");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bs = kafka.bootstrapServers();
            kafka.createTopics(s.parallelism(), EVENTS, PREDICTIONS);
            kafka.createTopics(1, DEAD);
            kafka.createTopics(1, Map.of("cleanup.policy", "compact"), MODELS);
            SeriesGenerator gen = new SeriesGenerator(s.keys(), s.anomalyRate(), 7);
            Labels labels = new Labels(s.keys());
            EventProducer producer = new EventProducer(gen, labels, bs, EVENTS, s.rate());
            say(
                    "Kafka at "
                            + bs
                            + "; writing "
                            + s.historySteps()
                            + " steps of "
                            + s.keys()
                            + " hosts as history");
            producer.produceSteps(s.historySteps());
            Path v1 = s.workDir().resolve("model-v1.safetensors");
            if (!train(bs, v1, null, "1")) {
                throw new IllegalStateException("the first training run failed (see above)");
            }
            try (LocalFlink flink = LocalFlink.start(1, s.parallelism(), new Configuration())) {
                say(flink.endpoints());
                return stream(kafka, flink, producer, labels, v1);
            }
        }
    }

    private Result stream(
            EmbeddedKafka kafka, LocalFlink flink, EventProducer producer, Labels labels, Path v1)
            throws Exception {
        String bs = kafka.bootstrapServers();
        ScoringJobConfig c = ScoringJobConfig.of(jobSettings(bs, v1));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSetup.configuration(c));
        ScoringJob.kafka(c).build(env);
        JobID job = flink.submit(env, "keyed-rnn demo scoring", null);
        Scoreboard board = new Scoreboard(labels, bs, PREDICTIONS, DEAD);
        Thread boardThread = new Thread(board, "demo-scoreboard");
        Thread producerThread = new Thread(producer, "demo-producer");
        boardThread.start();
        producerThread.start();
        say(
                "scoring job "
                        + job
                        + " running (parallelism "
                        + s.parallelism()
                        + ", "
                        + s.stateBackend()
                        + " state, checkpoints every 2 s); streaming for "
                        + s.seconds()
                        + " s, Ctrl-C stops early");
        CompletableFuture<Boolean> retrain = null;
        long start = System.nanoTime();
        long lastCount = 0;
        long lastTime = start;
        while (!stop.await(5, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            double elapsed = (now - start) / 1e9;
            long count = board.predictions();
            say(
                    String.format(
                            Locale.ROOT,
                            "%5.0fs  %7.0f events/s scored | %s",
                            elapsed,
                            (count - lastCount) / ((now - lastTime) / 1e9),
                            board.summary(5)));
            lastCount = count;
            lastTime = now;
            if (s.retrain() && retrain == null && elapsed >= s.seconds() / 2.0) {
                retrain = CompletableFuture.supplyAsync(() -> retrain(bs, v1));
            }
            if (elapsed >= s.seconds()) {
                break;
            }
        }
        say("stopping: no more events; waiting for the last predictions to commit");
        producer.stop();
        producerThread.join();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (board.predictions() < producer.produced() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        if (retrain != null) {
            retrain.join();
        }
        flink.cancel(job);
        board.stop();
        boardThread.join();
        say("done: produced " + producer.produced() + " events; " + board.summary(10));
        return new Result(
                producer.produced(),
                board.predictions(),
                board.deadLetters(),
                board.versions(),
                board.precision(),
                board.recall());
    }

    private Boolean retrain(String bs, Path v1) {
        say("retraining on everything so far, warm-started from version 1");
        Path v2 = s.workDir().resolve("model-v2.safetensors");
        boolean ok;
        try {
            ok = train(bs, v2, v1, null);
        } catch (Exception e) {
            say("retraining failed: " + e.getMessage());
            ok = false;
        }
        say(
                ok
                        ? "version 2 published to the models topic: keys switch at their next event"
                        : "retrain did not publish a model (see above); version 1 stays");
        return ok;
    }

    /** Runs the retraining job in this JVM; returns whether it wrote and published a model. */
    private boolean train(String bs, Path outFile, Path init, String version) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", bs);
        m.put("events.topic", EVENTS);
        m.put("models.topic", MODELS);
        m.put("publish", "true");
        m.put("out", outFile.toString());
        m.put("input.features", String.valueOf(SeriesGenerator.FEATURES));
        m.put("hidden", String.valueOf(s.hidden()));
        m.put("epochs", String.valueOf(s.epochs()));
        m.put("parallelism", "1");
        if (init != null) {
            m.put("init", init.toString());
        }
        if (version != null) {
            m.put("version", version);
        }
        TrainingOutcome outcome = Retraining.run(null, m, out, false);
        if (!outcome.wroteModel()) {
            say("training refused the model: " + outcome.message());
        }
        return outcome.status() == RunStatus.PUBLISHED;
    }

    private Map<String, String> jobSettings(String bs, Path model) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", bs);
        m.put("events.topic", EVENTS);
        m.put("predictions.topic", PREDICTIONS);
        m.put("models.topic", MODELS);
        m.put("dead.letter.topic", DEAD);
        m.put("events.starting.offsets", "earliest");
        m.put("model.path", model.toString());
        m.put("transactional.id.prefix", "keyed-rnn-demo");
        m.put("transaction.timeout.ms", "60000");
        m.put("checkpoint.interval.ms", "2000");
        m.put("checkpoint.dir", s.workDir().resolve("checkpoints").toUri().toString());
        m.put("parallelism", String.valueOf(s.parallelism()));
        m.put("state.backend", s.stateBackend());
        // The generator injects one-step anomalies: the step after one is mispredicted too (the
        // model has just seen the spike), so an alert's next events are its echo, not news.
        m.put("alert.quiet.events", "5");
        m.put("learn.from.alerts", "false");
        // The calibration sets z at the validation events' 1% tail, and the history it is
        // calibrated on holds injected anomalies itself (0.5%): a fixed z above the tail of a
        // squared error of three features is what separates them.
        m.put("threshold", "6");
        return m;
    }

    private void say(String line) {
        synchronized (out) {
            out.println("[demo] " + line);
            out.flush();
        }
    }
}
