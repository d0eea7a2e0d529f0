package io.keyedrnn.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled example is what {@link ExampleFiles} generates, and the demo finds its spike.
 * Regenerate with {@code mvn test -pl jobs -am -Dtest=ExampleFilesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkeyed.rnn.regenerate.examples=true}.
 */
class ExampleFilesTest {
    @TempDir Path dir;

    static Path examples() {
        Path fromJobs = Path.of("../examples");
        return Files.isDirectory(fromJobs.getParent().resolve("jobs"))
                ? fromJobs
                : Path.of("examples");
    }

    @Test
    void bundledFilesAreReproducible() throws IOException {
        if (Boolean.getBoolean("keyed.rnn.regenerate.examples")) {
            ExampleFiles.write(examples());
        }
        ExampleFiles.write(dir);
        for (String f : List.of("example-model.safetensors", "events.jsonl")) {
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve(f)),
                    Files.readAllBytes(examples().resolve(f)),
                    f + " differs from the generator's output; regenerate (see class doc)");
        }
    }

    @Test
    void theModelForecastsPersistence() throws IOException {
        ExampleFiles.write(dir);
        Path out = dir.resolve("o.jsonl");
        CliRunner r =
                CliRunner.run(
                        "replay",
                        "--model",
                        dir.resolve("example-model.safetensors").toString(),
                        "--events",
                        dir.resolve("events.jsonl").toString(),
                        "--out",
                        out.toString());
        assertEquals(0, r.code(), r.err());
        ObjectMapper mapper = new ObjectMapper();
        List<String> in = Files.readAllLines(dir.resolve("events.jsonl"));
        List<String> got = Files.readAllLines(out);
        for (int i = 0; i < got.size(); i++) {
            JsonNode x = mapper.readTree(in.get(i)).get("features");
            JsonNode p = mapper.readTree(got.get(i)).get("prediction");
            if (x.get(1).asDouble() >= 500) {
                continue; // the injected spike saturates the tanh, as it should
            }
            // Persistence within 2%: the prediction after an event is about that event's values.
            for (int j = 0; j < 2; j++) {
                double e = x.get(j).asDouble();
                assertEquals(e, p.get(j).asDouble(), 0.02 * Math.abs(e) + 1, "line " + (i + 1));
            }
        }
    }

    @Test
    void demoFlagsTheInjectedSpike() throws IOException {
        ExampleFiles.write(dir);
        String previousHome = System.getProperty("keyed.rnn.home");
        Path home = dir.resolve("home");
        System.setProperty("keyed.rnn.home", home.toString());
        Path examples = home.resolve("examples");
        try {
            Files.createDirectories(examples);
            for (String f : List.of("example-model.safetensors", "events.jsonl")) {
                Files.copy(dir.resolve(f), examples.resolve(f));
            }
            Path out = dir.resolve("demo.jsonl");
            CliRunner r = CliRunner.run("demo", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            String spike =
                    "\"key\":\""
                            + ExampleFiles.SPIKE_HOST
                            + "\",\"ts\":"
                            + (1700000000000L + ExampleFiles.SPIKE_AT * 1000L + 14);
            assertTrue(r.out().contains("anomaly at output line"), r.out());
            boolean flagged =
                    Files.readAllLines(out).stream()
                            .anyMatch(l -> l.contains(spike) && l.contains("\"anomaly\":true"));
            assertTrue(flagged, r.out());
        } finally {
            if (previousHome == null) {
                System.clearProperty("keyed.rnn.home");
            } else {
                System.setProperty("keyed.rnn.home", previousHome);
            }
        }
    }
}
