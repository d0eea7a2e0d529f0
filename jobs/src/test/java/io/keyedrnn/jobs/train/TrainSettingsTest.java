package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.model.CellKind;
import io.keyedrnn.train.OptimizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings: file plus options, defaults, and errors that name the setting. */
class TrainSettingsTest {
    @TempDir Path dir;

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("events.files", "a.jsonl,b.csv");
        m.put("out", "m.safetensors");
        return m;
    }

    private static String error(Map<String, String> m) {
        return assertThrows(IllegalArgumentException.class, () -> TrainSettings.load(null, m))
                .getMessage();
    }

    @Test
    void defaults() {
        TrainSettings s = TrainSettings.load(null, minimal());
        assertEquals(List.of(Path.of("a.jsonl"), Path.of("b.csv")), s.files);
        assertFalse(s.fromKafka());
        assertEquals(CellKind.LSTM, s.cell);
        assertEquals(OptimizerKind.ADAM, s.optimizer);
        assertEquals(0.2, s.validationFraction);
        assertTrue(s.zscore && s.shuffle && s.unknownAsUnk);
        assertEquals("model", s.modelsKey);
    }

    @Test
    void commandLineOverridesTheFile() throws Exception {
        Path file = dir.resolve("train.properties");
        Files.writeString(
                file,
                "out = from-file.safetensors\ncell: \"gru\"\nhidden=64\nepochs=7\nevents.files=x.jsonl\n");
        // What TrainCommand makes of --hidden 16 --no-shuffle --token --set
        // scoring.min.key.errors=5.
        Map<String, String> options =
                Map.of(
                        "hidden", "16",
                        "shuffle", "false",
                        "input.kind", "categorical",
                        "scoring.min.key.errors", "5");
        TrainSettings s = TrainSettings.load(file, options);
        assertEquals(CellKind.GRU, s.cell);
        assertEquals(16, s.hidden);
        assertEquals(7, s.epochs);
        assertFalse(s.shuffle);
        assertTrue(s.categorical);
        assertEquals(Path.of("from-file.safetensors"), s.out);
        assertEquals(5, s.scoringConfig().minKeyErrors());
    }

    @Test
    void errorsNameTheSetting() {
        Map<String, String> m = minimal();
        m.put("hiden", "3");
        assertTrue(error(m).contains("unknown setting(s) [hiden]"));
        m = minimal();
        m.put("epochs", "many");
        assertTrue(error(m).contains("'epochs'") && error(m).contains("many"));
        m = minimal();
        m.put("cell", "transformer");
        assertTrue(error(m).contains("'cell'") && error(m).contains("gru_cho"));
        m = minimal();
        m.put("validation.fraction", "1.5");
        assertTrue(error(m).contains("validation.fraction"));
        m = minimal();
        m.remove("out");
        assertTrue(error(m).contains("'out' is required"));
        m = minimal();
        m.put("scoring.threshold", "3");
        assertTrue(error(m).contains("calibration computes"));
        m = minimal();
        m.put("scoring.warmup", "3");
        assertTrue(error(m).contains("unknown scoring setting(s) [warmup]"));
    }

    @Test
    void inputAndPublishingCombinations() {
        Map<String, String> m = minimal();
        m.put("bootstrap.servers", "h:9092");
        m.put("events.topic", "e");
        assertTrue(error(m).contains("either --events"));
        m.remove("events.files");
        TrainSettings s = TrainSettings.load(null, m);
        assertTrue(s.fromKafka());
        m.put("publish", "true");
        assertTrue(error(m).contains("--publish needs --models-topic"));
        m.put("models.topic", "models");
        assertTrue(TrainSettings.load(null, m).publish);
        Map<String, String> none = minimal();
        none.remove("events.files");
        assertTrue(error(none).contains("either --events"));
    }

    @Test
    void aGaussianHeadTakesNoCalendarInputs() {
        Map<String, String> m = minimal();
        m.put("head", "gaussian");
        m.put("calendar.inputs", "time_of_day");
        assertTrue(error(m).contains("cannot be combined with head=gaussian"), error(m));
        m.put("calendar.inputs", "none");
        assertEquals("gaussian", TrainSettings.load(null, m).head.id());
    }

    @Test
    void aScheduleRepeatsTheRunAndCannotFixTheVersion() {
        Map<String, String> m = minimal();
        m.put("retrain.every", "30m");
        m.put("retrain.rounds", "3");
        TrainSettings s = TrainSettings.load(null, m);
        assertEquals(1_800_000L, s.retrainEveryMs);
        assertEquals(3, s.retrainRounds);
        m.put("version", "7");
        assertTrue(error(m).contains("--model-version cannot repeat"), error(m));
        Map<String, String> roundsAlone = minimal();
        roundsAlone.put("retrain.rounds", "2");
        assertTrue(error(roundsAlone).contains("--rounds only applies with --every"));
        Map<String, String> bad = minimal();
        bad.put("retrain.every", "soon");
        assertTrue(error(bad).contains("retrain.every"), error(bad));
    }

    @Test
    void aModelTrainedFromFilesCanBePublished() {
        Map<String, String> m = minimal();
        m.put("bootstrap.servers", "h:9092");
        assertTrue(error(m).contains("--bootstrap-servers is for the models topic"), error(m));
        m.put("publish", "true");
        m.put("models.topic", "models");
        TrainSettings s = TrainSettings.load(null, m);
        assertFalse(s.fromKafka());
        assertTrue(s.publish);
        assertEquals("h:9092", s.kafka().bootstrapServers());
        assertEquals("models", s.kafka().modelsTopic());
        assertFalse(s.kafka().fromKafka(), "the events topic is not checked");
    }

    @Test
    void theDocumentedExampleConfigLoadsWithTheDefaults() {
        Path file = Path.of("config/train.properties");
        if (!Files.exists(file)) {
            file = Path.of("../config/train.properties");
        }
        TrainSettings example = TrainSettings.load(file, Map.of());
        TrainSettings defaults =
                TrainSettings.load(
                        null,
                        Map.of(
                                "events.files",
                                "examples/events.jsonl",
                                "out",
                                "model.safetensors"));
        assertEquals(defaults.recorded(), example.recorded());
        assertEquals(List.of(Path.of("examples/events.jsonl")), example.files);
        assertEquals(defaults.startOffsets, example.startOffsets);
        assertEquals(defaults.kafkaTimeoutMs, example.kafkaTimeoutMs);
        assertEquals(defaults.csv, example.csv);
        assertEquals(defaults.fields, example.fields);
        assertEquals(defaults.modelsKey, example.modelsKey);
    }

    @Test
    void noHoldOutIsAcceptedButPublishingItNeedsExplicitConsent() {
        Map<String, String> m = minimal();
        m.put("validation.fraction", "0");
        m.put("clip", "0");
        m.put("patience", "0");
        TrainSettings s = TrainSettings.load(null, m);
        assertFalse(s.holdsOut());
        assertEquals(0.0, s.clip);
        assertEquals(0, s.patience);

        Map<String, String> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", "localhost:9092");
        kafka.put("events.topic", "events");
        kafka.put("models.topic", "models");
        kafka.put("out", "m.safetensors");
        kafka.put("publish", "true");
        kafka.put("validation.fraction", "0");
        String e = error(kafka);
        assertTrue(e.contains("validation loss cannot be measured"), e);
        assertTrue(e.contains("--publish-unvalidated"), e);
        kafka.put("publish.unvalidated", "true");
        assertTrue(TrainSettings.load(null, kafka).publishUnvalidated);

        Map<String, String> alone = minimal();
        alone.put("publish.unvalidated", "true");
        assertTrue(error(alone).contains("only applies with --publish"));
    }
}
