package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainCommandTest {
    @Test
    void optionsBecomeSettingsKeys() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--config",
                        "train.properties",
                        "--hidden",
                        "16",
                        "--no-shuffle",
                        "--token",
                        "--batch-keys",
                        "8",
                        "--model-version",
                        "7",
                        "--set",
                        "scoring.min.key.errors=5");
        assertEquals(Path.of("train.properties"), cmd.config);
        assertEquals(
                Map.of(
                        "hidden", "16",
                        "shuffle", "false",
                        "input.kind", "categorical",
                        "batch.keys", "8",
                        "version", "7",
                        "scoring.min.key.errors", "5"),
                cmd.overrides());
    }
}
