package io.keyedrnn.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is valid (checked offline by Debian's docker-compose, no engine needed) and
 * uses the Flink and Kafka versions the jar is built with.
 */
class DockerComposeTest {
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final Path TOOL = Path.of("/usr/bin/docker-compose");

    private static String run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "docker-compose did not finish");
        assertEquals(0, p.exitValue(), "docker-compose config failed:\n" + out);
        return out;
    }

    @Test
    void composeFileIsValidAndMatchesTheBuild() throws Exception {
        Assumptions.assumeTrue(
                Files.isRegularFile(TOOL),
                "skipped: /usr/bin/docker-compose is not installed (apt-get install -y"
                        + " docker-compose)");
        String file = COMPOSE.toString();
        run("/usr/bin/python3", TOOL.toString(), "-f", file, "config", "-q");
        String resolved = run("/usr/bin/python3", TOOL.toString(), "-f", file, "config");
        for (String service :
                List.of("kafka:", "topics:", "jobmanager:", "taskmanager:", "submit:")) {
            assertTrue(resolved.contains("  " + service), "service " + service + " missing");
        }
        String flink = "flink:" + EnvironmentInformation.getVersion() + "-java17";
        String kafka = "apache/kafka:" + AppInfoParser.getVersion();
        assertTrue(resolved.contains("image: " + flink), "expected image " + flink);
        assertTrue(resolved.contains("image: " + kafka), "expected image " + kafka);
        assertTrue(resolved.contains("io.keyedrnn.jobs.scoring.ScoringJob"), "job main class");
    }
}
