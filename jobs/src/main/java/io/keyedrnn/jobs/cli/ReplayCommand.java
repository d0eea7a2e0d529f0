package io.keyedrnn.jobs.cli;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.common.ModelLoading;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyed-rnn replay}: the streaming job's per-key logic over a .jsonl file, offline. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Score a JSON-lines file of events with a model, one output line per good input line,"
                    + " in input order, with the same per-key logic as the streaming job.",
            "Bad lines are reported on stderr as 'line N: reason: message' and skipped."
        })
public final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M", description = "model file")
    Path model;

    @Option(
            names = "--events",
            required = true,
            paramLabel = "E",
            description = "events, one JSON object per line ('-' = stdin)")
    String events;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "O",
            description = "predictions, one JSON object per line ('-' = stdout)")
    String out;

    @Option(
            names = "--emit-state",
            description = "add each key's recurrent state: [[h_l0],[c_l0],[h_l1],...]")
    boolean emitState;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "scoring settings (properties or flat YAML), e.g. warmup.events=10")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "a scoring setting overriding --config, e.g. --set swap.policy=reset")
    Map<String, String> overrides;

    @Override
    public Integer call() throws IOException {
        ReplaySettings settings = ReplaySettings.load(config, overrides);
        Replay replay = new Replay(ModelLoading.read(model), settings, emitState);
        PrintWriter err = spec.commandLine().getErr();
        Replay.Summary summary;
        try (InputStream in = openEvents();
                OutputStream os = openOut()) {
            summary = replay.run(in, os, err);
        }
        err.println("replay: " + summary);
        err.flush();
        return 0;
    }

    private InputStream openEvents() throws IOException {
        if (events.equals("-")) {
            return System.in;
        }
        Path p = Path.of(events);
        if (!Files.isRegularFile(p)) {
            throw JobException.badInput("no events file " + p);
        }
        return Files.newInputStream(p);
    }

    private OutputStream openOut() throws IOException {
        if (out.equals("-")) {
            // Not closed with the stream: System.out stays usable.
            return new BufferedOutputStream(System.out, 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        Path p = Path.of(out);
        if (p.getParent() != null) {
            Files.createDirectories(p.getParent());
        }
        return new BufferedOutputStream(Files.newOutputStream(p), 1 << 16);
    }
}
