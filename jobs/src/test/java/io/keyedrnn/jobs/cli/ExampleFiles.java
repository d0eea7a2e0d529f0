package io.keyedrnn.jobs.cli;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.Linear;
import io.keyedrnn.model.RecurrentLayer;
import io.keyedrnn.model.RecurrentNetwork;
import io.keyedrnn.model.io.Calibration;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.score.RunningStats;
import io.keyedrnn.serve.Event;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.Prediction;
import io.keyedrnn.serve.ScoringConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the bundled example: {@code examples/events.jsonl} (four hosts, cpu and latency, one
 * injected latency spike) and {@code examples/example-model.safetensors}.
 *
 * <p>The model is a hand-set one-layer LSTM that forecasts persistence (next value ≈ current
 * value): input and output gates saturated open, forget gate shut, the candidate tanh(0.05·x) kept
 * in its linear range and scaled back by the head. That is a real next-step predictor and enough to
 * show scoring until a trained model is bundled. Its normaliser and calibration are fitted on the
 * spike-free events. Deterministic: same bytes every run.
 */
final class ExampleFiles {
    static final String[] HOSTS = {"host-1", "host-2", "host-3", "host-4"};
    static final int EVENTS_PER_HOST = 60;
    static final String SPIKE_HOST = "host-3";
    static final int SPIKE_AT = 45;
    private static final float GAIN = 0.05f;

    private ExampleFiles() {}

    /** Writes both files into dir. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Event> events = events(true);
        Model model = model(events(false));
        ModelFile.write(model, dir.resolve("example-model.safetensors"));
        List<String> lines = new ArrayList<>();
        for (Event e : events) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "{\"key\":\"%s\",\"ts\":%d,\"features\":[%s,%s]}",
                            e.getKey(),
                            e.getTimestamp(),
                            e.getFeatures()[0],
                            e.getFeatures()[1]));
        }
        Files.write(dir.resolve("events.jsonl"), lines, StandardCharsets.UTF_8);
    }

    /** Events of all hosts in time order; values rounded to 2 decimals as the file holds them. */
    static List<Event> events(boolean withSpike) {
        SplittableRandom rnd = new SplittableRandom(2024);
        List<Event> events = new ArrayList<>();
        for (int t = 0; t < EVENTS_PER_HOST; t++) {
            for (int k = 0; k < HOSTS.length; k++) {
                double phase = k * 1.3;
                double cpu = 50 + 20 * Math.sin(2 * Math.PI * t / 30 + phase) + rnd.nextGaussian();
                double lat =
                        120 + 30 * Math.sin(2 * Math.PI * t / 20 + phase) + 3 * rnd.nextGaussian();
                if (withSpike && HOSTS[k].equals(SPIKE_HOST) && t == SPIKE_AT) {
                    lat = 600;
                }
                long ts = 1700000000000L + t * 1000L + k * 7L;
                events.add(Event.numeric(HOSTS[k], ts, new float[] {round(cpu), round(lat)}));
            }
        }
        return events;
    }

    private static float round(double v) {
        return (float) (Math.round(v * 100) / 100.0);
    }

    static Model model(List<Event> clean) {
        Normalizer norm = normalizer(clean);
        RecurrentNetwork net = persistenceLstm();
        ModelMetadata bare = metadata(norm, null);
        Calibration cal = calibration(new Model(net, bare), clean);
        return new Model(net, metadata(norm, cal));
    }

    private static RecurrentNetwork persistenceLstm() {
        int n = 2;
        float[] wIh = new float[4 * n * n];
        float[] bIh = new float[4 * n];
        for (int j = 0; j < n; j++) {
            wIh[(2 * n + j) * n + j] = GAIN; // g block: candidate = tanh(GAIN * x_j)
            bIh[j] = 10; // i block: input gate open
            bIh[n + j] = -10; // f block: forget gate shut, so c holds only this step
            bIh[3 * n + j] = 10; // o block: output gate open
        }
        RecurrentLayer lstm =
                RecurrentLayer.of(
                        CellKind.LSTM, n, n, wIh, new float[4 * n * n], bIh, new float[4 * n]);
        float[] head = {1 / GAIN, 0, 0, 1 / GAIN};
        return new RecurrentNetwork(
                List.of(lstm), null, new Linear(n, n, head, new float[n]), false);
    }

    private static Normalizer normalizer(List<Event> events) {
        float[] mean = new float[2];
        float[] std = new float[2];
        for (int i = 0; i < 2; i++) {
            RunningStats s = new RunningStats();
            for (Event e : events) {
                s.add(e.getFeatures()[i]);
            }
            mean[i] = (float) s.mean;
            std[i] = (float) s.std();
        }
        return new Normalizer(mean, std);
    }

    /** Error mean and std of the model on the clean events, scored as the servable scores. */
    private static Calibration calibration(Model model, List<Event> clean) {
        ModelServable servable = new ModelServable(model, ScoringConfig.DEFAULTS);
        Map<String, KeyState> states = new HashMap<>();
        RunningStats errors = new RunningStats();
        for (Event e : clean) {
            KeyState s = states.computeIfAbsent(e.getKey(), k -> servable.newState());
            Prediction p = servable.process(e, s);
            if (p.scored) {
                errors.add(p.error);
            }
        }
        return new Calibration("gaussian_error", errors.mean, errors.std(), 4.0, null, null);
    }

    private static ModelMetadata metadata(Normalizer norm, Calibration cal) {
        return new ModelMetadata(
                1,
                "lstm",
                "linear",
                "numeric",
                List.of("cpu", "latency_ms"),
                null,
                norm,
                cal,
                1,
                Map.of(
                        "note",
                        "hand-set persistence forecaster from ExampleFiles (jobs tests), not"
                                + " trained"));
    }
}
