package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.jobs.train.report.RunStatus;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.serve.Vocabulary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole retraining run on files, with the reading done in-process instead of by Flink. */
class RetrainJobTest {
    static final long CLOCK = 1_800_000_000_000L;
    @TempDir Path dir;
    private final StringWriter printed = new StringWriter();

    /** A configuration map as the report shows it. */
    static Map<String, Object> config() {
        return TrainSettings.load(null, Map.of("events.files", "x.jsonl", "out", "m.safetensors"))
                .recorded();
    }

    private Path sineFile() throws Exception {
        List<String> lines = new ArrayList<>(TrainData.sines(6, 0, 300, 1));
        lines.add(3, "{\"key\":\"k1\",\"ts\":1,\"features\":[NaN,1]}");
        lines.add(10, "{\"key\":\"\",\"ts\":1,\"features\":[1,2]}");
        lines.add(20, "{\"key\":\"lonely\",\"ts\":1,\"features\":[1,2]}");
        lines.add(30, "{\"key\":\"k2\",\"ts\":");
        lines.add(40, "{\"key\":\"k3\",\"ts\":1,\"features\":[1,2,3]}");
        return TrainData.write(dir, "events.jsonl", lines);
    }

    private RetrainJob run(Map<String, String> settings) throws Exception {
        RetrainJob job =
                new RetrainJob(
                        TrainSettings.load(null, settings),
                        new InProcessReader(50),
                        new PrintWriter(printed, true),
                        false,
                        () -> CLOCK);
        job.run();
        return job;
    }

    private Map<String, String> base(Path events, String out, String epochs) {
        Map<String, String> m = new HashMap<>();
        m.put("events.files", events.toString());
        m.put("out", dir.resolve(out).toString());
        m.put("hidden", "8");
        m.put("epochs", epochs);
        m.put("lr", "0.01");
        m.put("batch.keys", "4");
        m.put("false.alarm.rate", "0.05");
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsOnBadDataSkippingItWithCounts() throws Exception {
        RetrainJob job = run(base(sineFile(), "m.safetensors", "8"));
        Model m = ModelFile.read(dir.resolve("m.safetensors"));
        assertEquals(CLOCK, m.version());
        assertNotNull(m.metadata().normalizer());
        assertNotNull(m.metadata().calibration().threshold());
        assertEquals("linear", m.metadata().output());
        Map<String, Object> training = m.metadata().training();
        Map<String, Object> skipped = (Map<String, Object>) training.get("skipped_events");
        assertEquals(
                Map.of(
                        "invalid_json",
                        1,
                        "missing_key",
                        1,
                        "non_finite_feature",
                        1,
                        "single_event_key",
                        1,
                        "wrong_feature_count",
                        1),
                skipped);
        Map<String, Object> data = (Map<String, Object>) training.get("data");
        assertEquals(6, data.get("keys"));
        assertEquals(1800, data.get("events"));
        List<Double> val = (List<Double>) training.get("validation_losses");
        assertEquals(8, val.size());
        assertTrue(job.record().validationLoss < val.get(0), "validation loss fell: " + val);
        String out = printed.toString();
        assertTrue(out.contains("epoch   1/8  loss "), out);
        assertTrue(
                out.contains(
                        "skipped 5 records (invalid_json 1, missing_key 1, non_finite_feature 1,"
                                + " single_event_key 1, wrong_feature_count 1); examples in the"
                                + " report"),
                out);
        assertFalse(out.contains("\r"), "no progress bar off a terminal");
        String report = Files.readString(dir.resolve("m.safetensors.report.html"));
        assertTrue(report.contains("single_event_key") && report.contains("non_finite_feature"));
        ReportHtmlTest.parse(report);
    }

    @Test
    void warmStartGetsTheNextVersionAndRefusesAWorseModel() throws Exception {
        Path events = sineFile();
        Map<String, String> first = base(events, "weak.safetensors", "1");
        first.put("version", "5");
        run(first);
        Map<String, String> second = base(events, "good.safetensors", "10");
        second.put("init", dir.resolve("weak.safetensors").toString());
        run(second);
        Model good = ModelFile.read(dir.resolve("good.safetensors"));
        assertEquals(6, good.version());
        assertTrue(printed.toString().contains("current model version 5"));

        Map<String, String> worse = base(events, "worse.safetensors", "1");
        worse.put("init", dir.resolve("good.safetensors").toString());
        worse.put("lr", "0.5");
        worse.put("clip", "0");
        JobException e = assertThrows(JobException.class, () -> run(worse));
        assertEquals(JobException.FAILED, e.exitCode());
        assertTrue(
                e.getMessage().contains("does not beat the current model's (version 6 from "),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("worse.safetensors")));
        assertTrue(
                Files.readString(dir.resolve("worse.safetensors.report.html"))
                        .contains("not better"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutHoldOutEveryEventTrainsEveryEpochAndTheModelIsWrittenUncompared() throws Exception {
        Path events = sineFile();
        Map<String, String> first = base(events, "v5.safetensors", "1");
        first.put("version", "5");
        run(first);
        printed.getBuffer().setLength(0);
        // Plain SGD with a large step: the kind of run the current model would beat.
        Map<String, String> m = base(events, "all.safetensors", "3");
        m.put("init", dir.resolve("v5.safetensors").toString());
        m.put("optimizer", "sgd");
        m.put("lr", "0.5");
        m.put("clip", "0");
        m.put("validation.fraction", "0");
        m.put("patience", "1");
        RetrainJob job = run(m);
        assertEquals(RunStatus.WRITTEN, job.record().status);
        Model all = ModelFile.read(dir.resolve("all.safetensors"));
        assertEquals(6, all.version());
        Map<String, Object> training = all.metadata().training();
        Map<String, Object> data = (Map<String, Object>) training.get("data");
        assertEquals(1800, data.get("training_events"));
        assertEquals(0, data.get("validation_events"));
        assertEquals(3, training.get("epochs_run"), "patience has nothing to stop on");
        assertEquals(3, training.get("best_epoch"), "the last epoch's weights");
        assertEquals("training", training.get("calibrated_on"));
        assertNotNull(all.metadata().calibration().threshold());
        String out = printed.toString();
        assertTrue(out.contains("training on 6 keys: 1800 training events, 0 validation"), out);
        assertTrue(out.contains("epoch   3/3  loss "), out);
        assertFalse(out.contains(" val "), out);
        assertTrue(
                out.contains("no validation hold-out: scorer calibrated on the 1800 training"),
                out);
        assertTrue(out.contains("not compared with the current model version 5 from "), out);
        assertFalse(out.contains("does not beat"), out);
    }

    @Test
    void divergedRunWritesNoModel() throws Exception {
        Map<String, String> m = base(sineFile(), "nan.safetensors", "3");
        m.put("optimizer", "sgd");
        m.put("lr", "1e30");
        m.put("batch.keys", "2");
        m.put("clip", "0");
        JobException e = assertThrows(JobException.class, () -> run(m));
        assertEquals(JobException.FAILED, e.exitCode());
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nan.safetensors")));
        assertTrue(
                Files.readString(dir.resolve("nan.safetensors.report.html")).contains("diverged"));
    }

    @Test
    void tokensGetAVocabularyAndTopG() throws Exception {
        Path events = TrainData.write(dir, "tokens.jsonl", TrainData.tokens(8, 150, 2));
        Map<String, String> m = base(events, "t.safetensors", "5");
        m.put("input.kind", "categorical");
        m.put("vocabulary.size", "20");
        run(m);
        Model t = ModelFile.read(dir.resolve("t.safetensors"));
        assertEquals("softmax", t.metadata().output());
        assertEquals("categorical", t.metadata().inputKind());
        assertEquals(Vocabulary.UNKNOWN, t.metadata().vocabulary().get(0));
        assertTrue(
                t.metadata().vocabulary().subList(1, 5).containsAll(List.of("A", "B", "C", "D")));
        assertEquals(20, t.metadata().vocabulary().size());
        assertNotNull(t.metadata().calibration().topG());
        assertNull(t.metadata().calibration().threshold());
        String out = printed.toString();
        assertTrue(out.contains("training on 8 keys"), out);
        assertFalse(out.contains("skipped"), "nothing skipped, nothing said: " + out);
    }

    @Test
    void missingInputsAreUsageErrors() throws Exception {
        JobException e =
                assertThrows(
                        JobException.class,
                        () -> run(base(dir.resolve("none.jsonl"), "x.safetensors", "1")));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("none.jsonl"), e.getMessage());
        Map<String, String> m = base(sineFile(), "x.safetensors", "1");
        m.put("init", dir.resolve("missing.safetensors").toString());
        e = assertThrows(JobException.class, () -> run(m));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("missing.safetensors"), e.getMessage());
    }

    @Test
    void unreachableBrokerFailsWithinTheTimeout() {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "127.0.0.1:1");
        m.put("events.topic", "events");
        m.put("out", dir.resolve("k.safetensors").toString());
        m.put("broker.timeout.ms", "1500");
        JobException e = assertThrows(JobException.class, () -> run(m));
        assertEquals(JobException.FAILED, e.exitCode());
        assertTrue(
                e.getMessage().startsWith("cannot reach Kafka at 127.0.0.1:1 within 1500 ms"),
                e.getMessage());
    }

    @Test
    void aVersionNotAboveTheCurrentOneIsRefusedBeforeTraining() throws Exception {
        Path events = sineFile();
        Map<String, String> first = base(events, "v5.safetensors", "1");
        first.put("version", "5");
        run(first);
        Map<String, String> again = base(events, "again.safetensors", "1");
        again.put("init", dir.resolve("v5.safetensors").toString());
        again.put("version", "5");
        printed.getBuffer().setLength(0);
        JobException e = assertThrows(JobException.class, () -> run(again));
        assertEquals(JobException.BAD_INPUT, e.exitCode());
        assertTrue(
                e.getMessage()
                        .contains("--model-version 5 is not above the current model's version 5"),
                e.getMessage());
        assertFalse(printed.toString().contains("epoch"), "refused before training");
    }
}
