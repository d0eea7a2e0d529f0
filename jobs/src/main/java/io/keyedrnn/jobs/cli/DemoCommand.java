package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ModelLoading;
import io.keyedrnn.jobs.demo.DemoRunner;
import io.keyedrnn.jobs.demo.DemoSettings;
import io.keyedrnn.model.io.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn demo}: the whole system on this machine (see {@link DemoRunner}). */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run everything in this JVM: a Kafka broker, generated metrics of many hosts with"
                    + " labelled injected anomalies, a first model trained on their history,"
                    + " the streaming scoring job on a local Flink cluster with checkpoints, a"
                    + " retrain and hot swap halfway, and a live summary (events/s, alerts by"
                    + " host, precision and recall against the labels).",
            "Stops after --duration seconds or on Ctrl-C, shutting everything down cleanly.",
            "With --out FILE it instead replays the bundled example offline (no Kafka, no Flink)"
                    + " and writes its predictions to FILE."
        })
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LogOptions logging = new LogOptions();

    @Option(names = "--duration", paramLabel = "S", description = "seconds of streaming (60)")
    int seconds = 60;

    @Option(names = "--keys", paramLabel = "N", description = "hosts (100)")
    int keys = 100;

    @Option(names = "--rate", paramLabel = "R", description = "events per second, 0 = max (2000)")
    double rate = 2000;

    @Option(
            names = "--anomaly-rate",
            paramLabel = "P",
            description = "share of injected anomalies (0.005)")
    double anomalyRate = 0.005;

    @Option(names = "--history", paramLabel = "N", description = "steps per host to train on (240)")
    int history = 240;

    @Option(names = "--hidden", paramLabel = "N", description = "LSTM hidden units (16)")
    int hidden = 16;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs (8)")
    int epochs = 8;

    @Option(names = "--no-retrain", description = "skip the retrain and hot swap")
    boolean noRetrain;

    @Option(names = "--parallelism", paramLabel = "N", description = "scoring parallelism (2)")
    int parallelism = 2;

    @Option(
            names = "--state-backend",
            paramLabel = "B",
            description = "hashmap (default) or rocksdb")
    String stateBackend = "hashmap";

    @Option(names = "--work-dir", paramLabel = "DIR", description = "models and checkpoints")
    Path workDir;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "offline: replay the bundled example into FILE and show its alerts")
    Path offlineOut;

    @Override
    public Integer call() throws Exception {
        logging.apply("demo", spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        if (offlineOut != null) {
            return offlineExample(out, offlineOut);
        }
        DemoSettings settings;
        try {
            Path dir = workDir != null ? workDir : Files.createTempDirectory("keyed-rnn-demo-");
            settings =
                    new DemoSettings(
                            seconds,
                            keys,
                            rate,
                            anomalyRate,
                            history,
                            hidden,
                            epochs,
                            !noRetrain,
                            parallelism,
                            stateBackend,
                            dir);
        } catch (IllegalArgumentException e) {
            throw JobException.badInput(e.getMessage());
        }
        DemoRunner runner = new DemoRunner(settings, out);
        CountDownLatchHook hook = new CountDownLatchHook(runner);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            runner.run();
        } finally {
            hook.finished();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down (Ctrl-C): the hook is waiting for us.
            }
        }
        return 0;
    }

    /** The quick offline check: replay of examples/ (model and events) into a file. */
    private int offlineExample(PrintWriter w, Path target) throws IOException {
        Path examples = home().resolve("examples");
        Path modelFile = examples.resolve("example-model.safetensors");
        Path events = examples.resolve("events.jsonl");
        if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(events)) {
            throw JobException.badInput(
                    "the bundled example is not in "
                            + examples
                            + " (run from the repository root or set KEYED_RNN_HOME)");
        }
        Model model = ModelLoading.read(modelFile);
        w.println("keyed-rnn demo: offline replay of the bundled example");
        Replay replay = new Replay(model, ReplaySettings.load(null, null), false);
        Replay.Summary summary;
        try (InputStream in = Files.newInputStream(events);
                OutputStream os = Files.newOutputStream(target)) {
            summary = replay.run(in, os, spec.commandLine().getErr());
        }
        w.println("replayed: " + summary);
        List<String> lines = Files.readAllLines(target, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"anomaly\":true")) {
                w.println("anomaly at output line " + (i + 1) + ": " + lines.get(i));
            }
        }
        w.println("predictions written to " + target);
        w.flush();
        return 0;
    }

    /** The repository root: -Dkeyed.rnn.home (set by bin/keyed-rnn), KEYED_RNN_HOME, or cwd. */
    static Path home() {
        String p = System.getProperty("keyed.rnn.home");
        if (p == null || p.isBlank()) {
            p = System.getenv("KEYED_RNN_HOME");
        }
        return Path.of(p == null || p.isBlank() ? "." : p);
    }

    /** On Ctrl-C: ask the demo to stop and wait until it has shut everything down. */
    private static final class CountDownLatchHook extends Thread {
        private final DemoRunner runner;
        private final java.util.concurrent.CountDownLatch done =
                new java.util.concurrent.CountDownLatch(1);

        CountDownLatchHook(DemoRunner runner) {
            super("demo-shutdown");
            this.runner = runner;
        }

        void finished() {
            done.countDown();
        }

        @Override
        public void run() {
            runner.stop();
            try {
                done.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
