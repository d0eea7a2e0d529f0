package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.model.NetworkFactory;
import io.keyedrnn.model.NetworkSpec;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelMetadata;
import io.keyedrnn.model.io.Normalizer;
import io.keyedrnn.serve.EventFields;
import io.keyedrnn.serve.EventParser;
import io.keyedrnn.serve.KeyState;
import io.keyedrnn.serve.ModelServable;
import io.keyedrnn.serve.PredictionJson;
import io.keyedrnn.serve.ScoringConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir Path dir;

    private Model model() {
        Normalizer norm = new Normalizer(new float[] {10f, 0f}, new float[] {2f, 1f});
        ModelMetadata meta =
                new ModelMetadata(1, "lstm", "linear", "numeric", null, null, norm, null, 3, null);
        return new Model(
                NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 6, 2), 17), meta);
    }

    /** Runs {@code replay --model m --events e --out o} with any further arguments. */
    private static CliRunner replay(String model, String events, String out, String... more) {
        List<String> args =
                new ArrayList<>(
                        List.of("replay", "--model", model, "--events", events, "--out", out));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(new String[0]));
    }

    private Path writeModel() throws IOException {
        Path m = dir.resolve("m.safetensors");
        ModelFile.write(model(), m);
        return m;
    }

    /** Good lines for keys a, b, c interleaved, and bad lines at known positions. */
    private static List<String> lines() {
        SplittableRandom rnd = new SplittableRandom(4);
        List<String> lines = new ArrayList<>();
        String[] keys = {"a", "b", "c"};
        for (int t = 0; t < 30; t++) {
            String key = keys[rnd.nextInt(3)];
            lines.add(
                    String.format(
                            "{\"key\":\"%s\",\"ts\":%d,\"features\":[%s,%s]}",
                            key,
                            1000 + t,
                            (float) (10 + 2 * rnd.nextGaussian()),
                            (float) rnd.nextGaussian()));
        }
        lines.add(3, "{\"key\":\"a\",\"features\":[1,2]");
        lines.add(7, "{\"features\":[1,2]}");
        lines.add(11, "{\"key\":\"b\",\"features\":[1,2,3]}");
        lines.add(15, "{\"key\":\"c\",\"features\":[1,NaN]}");
        lines.add(20, "");
        lines.add(25, "{\"key\":\"new\",\"features\":[\"x\",2]}");
        return lines;
    }

    private static final int[] BAD = {4, 8, 12, 16, 21, 26};

    @Test
    void interleavedKeysEqualPerKeySequentialSteppingAndBadLinesAreReported() throws IOException {
        Path events = dir.resolve("e.jsonl");
        Path out = dir.resolve("out/o.jsonl");
        List<String> in = lines();
        Files.write(events, in, StandardCharsets.UTF_8);
        CliRunner r =
                replay(writeModel().toString(), events.toString(), out.toString(), "--emit-state");
        assertEquals(0, r.code(), r.err());
        for (int line : BAD) {
            assertTrue(r.err().contains("line " + line + ": "), () -> line + " in " + r.err());
        }
        assertTrue(r.err().contains("line 4: invalid_json"), r.err());
        assertTrue(r.err().contains("line 8: missing_key"), r.err());
        assertTrue(r.err().contains("line 12: wrong_feature_count"), r.err());
        assertTrue(r.err().contains("line 16: non_finite_feature"), r.err());
        assertTrue(r.err().contains("line 26: bad_features"), r.err());
        assertTrue(r.err().contains("36 lines, 30 predictions, 3 keys, 6 rejected"), r.err());

        List<String> got = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> expected = perKeyReference(in);
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(expected.get(i), got.get(i), "output line " + (i + 1));
        }
    }

    @Test
    void aFeatureThatOverflowsInTheNormaliserIsNamedAsInTheDeadLetters() throws IOException {
        // std 1e-3 is a normal float, but 3e38 / 1e-3 is not finite after normalisation.
        Normalizer tiny = new Normalizer(new float[] {0f, 0f}, new float[] {1e-3f, 1f});
        ModelMetadata meta =
                new ModelMetadata(1, "lstm", "linear", "numeric", null, null, tiny, null, 3, null);
        Path m = dir.resolve("tiny.safetensors");
        ModelFile.write(
                new Model(
                        NetworkFactory.random(NetworkSpec.numeric(CellKind.LSTM, 2, 4, 2), 3),
                        meta),
                m);
        Path events = dir.resolve("e.jsonl");
        Files.writeString(events, "{\"key\":\"a\",\"features\":[3e38,0]}\n");
        CliRunner r = replay(m.toString(), events.toString(), dir.resolve("o.jsonl").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.err()
                        .contains(
                                "line 1: non_finite_feature: feature 0 (3.0E38) is not finite after model"
                                        + " version 3's normaliser"),
                r.err());
        assertFalse(r.err().contains("does not fit"), r.err());
    }

    /** Each good line run through a servable with only its own key's history, in input order. */
    private List<String> perKeyReference(List<String> in) {
        Model model = model();
        EventParser parser = EventParser.forModel(model, EventFields.DEFAULT, false);
        Map<String, ModelServable> servables = new HashMap<>();
        Map<String, KeyState> states = new HashMap<>();
        PredictionJson json = new PredictionJson(true);
        List<String> out = new ArrayList<>();
        for (String line : in) {
            var r = parser.parse(line);
            if (!r.isOk()) {
                continue;
            }
            String key = r.event().getKey();
            // A servable per key: nothing can leak between keys through shared buffers.
            ModelServable s =
                    servables.computeIfAbsent(
                            key, k -> new ModelServable(model, ScoringConfig.DEFAULTS));
            KeyState st = states.computeIfAbsent(key, k -> s.newState());
            out.add(new String(json.toBytes(s.process(r.event(), st)), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void settingsFromFileAndOverrides() throws IOException {
        Path events = dir.resolve("e.jsonl");
        Files.write(
                events,
                List.of(
                        "{\"meta\":{\"id\":\"x\"},\"t\":5,\"v\":[1,2]}",
                        "{\"meta\":{\"id\":\"x\"},\"t\":6,\"v\":[1,3]}"),
                StandardCharsets.UTF_8);
        Path cfg = dir.resolve("scoring.yaml");
        Files.write(
                cfg,
                List.of(
                        "fields.key: meta.id",
                        "fields.ts: t",
                        "fields.features: \"v\"",
                        "warmup.events: 1"),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("o.jsonl");
        CliRunner r =
                replay(
                        writeModel().toString(),
                        events.toString(),
                        out.toString(),
                        "--config",
                        cfg.toString(),
                        "--set",
                        "threshold=2.5");
        assertEquals(0, r.code(), r.err());
        List<String> got = Files.readAllLines(out);
        assertEquals(2, got.size());
        assertTrue(got.get(1).startsWith("{\"key\":\"x\",\"ts\":6,"), got.get(1));
        assertTrue(got.get(1).contains("\"warmup\":false"), got.get(1));
    }

    @Test
    void acceptsTheJobsConfigFileIgnoringJobOnlySettings() throws IOException {
        Path events = dir.resolve("e.jsonl");
        Files.write(
                events,
                List.of("{\"key\":\"a\",\"ts\":1,\"features\":[1,2]}"),
                StandardCharsets.UTF_8);
        Path out = dir.resolve("o.jsonl");
        CliRunner r =
                replay(
                        writeModel().toString(),
                        events.toString(),
                        out.toString(),
                        "--config",
                        Path.of("../config/scoring.yaml").toString(),
                        "--set",
                        "kafka.security.protocol=SSL");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, Files.readAllLines(out).size());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path m = writeModel();
        Path e = dir.resolve("e.jsonl");
        Files.writeString(e, "");
        String o = dir.resolve("o.jsonl").toString();
        CliRunner missing = CliRunner.run("replay", "--events", e.toString(), "--out", o);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--model"), missing.err());

        CliRunner noModel = replay("nope.safetensors", e.toString(), o);
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("no model file nope.safetensors"), noModel.err());

        CliRunner badSetting = replay(m.toString(), e.toString(), o, "--set", "warmup.event=3");
        assertEquals(2, badSetting.code());
        assertTrue(badSetting.err().contains("[warmup.event]"), badSetting.err());

        CliRunner badValue =
                replay(m.toString(), e.toString(), o, "--set", "swap.policy=sometimes");
        assertEquals(2, badValue.code());
        assertTrue(badValue.err().contains("swap.policy"), badValue.err());

        CliRunner noEvents = replay(m.toString(), "none.jsonl", o);
        assertEquals(2, noEvents.code());
        assertTrue(noEvents.err().contains("no events file none.jsonl"), noEvents.err());

        assertEquals(2, CliRunner.run().code());
        assertEquals(2, CliRunner.run("frobnicate").code());
    }

    @Test
    void brokenModelFileFails() throws IOException {
        Path m = dir.resolve("broken.safetensors");
        Files.write(m, new byte[] {1, 2, 3});
        Path e = dir.resolve("e.jsonl");
        Files.writeString(e, "");
        CliRunner r = replay(m.toString(), e.toString(), dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("bad model file"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for a bad file: " + r.err());
    }

    @Test
    void inspectPrintsTheSummary() throws IOException {
        CliRunner r = CliRunner.run("inspect", writeModel().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(Long.toString(model().network().parameterCount())), r.out());
        assertTrue(r.out().contains("lstm"), r.out());
        assertEquals(2, CliRunner.run("inspect").code());
    }

    @Test
    void inspectSaysSoWhenAModelHasNoVersion() throws IOException {
        Model versioned = model();
        ModelMetadata none =
                new ModelMetadata(
                        1, "lstm", "linear", "numeric", null, null, null, null, null, null, null);
        Path m = dir.resolve("noversion.safetensors");
        ModelFile.write(new Model(versioned.network(), none), m);
        CliRunner r = CliRunner.run("inspect", m.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("version: none (the metadata has no version; served as 0)"),
                r.out());
    }

    @Test
    void emptyEventFileGivesEmptyOutput() throws IOException {
        Path e = dir.resolve("e.jsonl");
        Files.writeString(e, "");
        Path o = dir.resolve("o.jsonl");
        CliRunner r = replay(writeModel().toString(), e.toString(), o.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new byte[0], Files.readAllBytes(o));
    }
}
