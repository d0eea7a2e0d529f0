package io.keyedrnn.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.serve.EventFieldSettings;
import io.keyedrnn.serve.ScoringSettings;
import io.keyedrnn.settings.Setting;
import io.keyedrnn.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented settings files against the declarations: every declared key is documented, every
 * key in a file is declared, and every value written there is the declared default (an example
 * value only for settings that have no default).
 */
class ConfigFilesTest {
    private static final Pattern LINE =
            Pattern.compile("^(#\\s*)?([a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)*)\\s*[:=]\\s*(.*)$");
    private static final List<String> PASS_THROUGH = List.of("kafka.", "flink.", "scoring.");

    private record Entry(boolean commented, String value) {}

    @Test
    void scoringYamlMatchesTheDeclarations() throws IOException {
        List<Setting<?>> declared = new ArrayList<>(JobSettings.SCORING_JOB);
        declared.addAll(ScoringSettings.ALL);
        declared.addAll(EventFieldSettings.ALL);
        check(repoFile("config/scoring.yaml"), declared);
    }

    @Test
    void trainPropertiesMatchesTheDeclarations() throws IOException {
        List<Setting<?>> declared = new ArrayList<>(RetrainSettings.ALL);
        declared.addAll(TrainingSettings.ALL);
        declared.addAll(TrainSettings.WIRING);
        declared.addAll(EventFieldSettings.ALL);
        check(repoFile("config/train.properties"), declared);
    }

    private static void check(Path file, List<Setting<?>> declared) throws IOException {
        Map<String, Entry> documented = read(file);
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        declared.forEach(s -> byKey.put(s.key(), s));
        TreeSet<String> undocumented = new TreeSet<>(byKey.keySet());
        undocumented.removeAll(documented.keySet());
        assertEquals(new TreeSet<>(), undocumented, file + " does not document these settings");
        for (Map.Entry<String, Entry> e : documented.entrySet()) {
            Setting<?> s = byKey.get(e.getKey());
            if (s == null) {
                assertTrue(e.getValue().commented(), file + ": unknown setting " + e.getKey());
                continue;
            }
            if (s.defaultText() != null) {
                assertEquals(
                        s.defaultText(),
                        canonical(s, e.getValue().value()),
                        file + ": the default of " + s.key());
            } else {
                s.parse(e.getValue().value());
            }
        }
    }

    /** The value as the declaration writes it (enums lower case), to compare with the default. */
    private static String canonical(Setting<?> s, String value) {
        Object v = s.parse(value);
        return v instanceof Enum<?> en
                ? en.name().toLowerCase(java.util.Locale.ROOT)
                : v.toString();
    }

    private static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches() || PASS_THROUGH.stream().anyMatch(m.group(2)::startsWith)) {
                continue;
            }
            boolean commented = m.group(1) != null;
            // A commented line never hides an uncommented one of the same key.
            if (!commented || !out.containsKey(m.group(2))) {
                out.put(m.group(2), new Entry(commented, m.group(3).trim()));
            }
        }
        return out;
    }

    private static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(
                "no " + relative + " above " + Path.of("").toAbsolutePath());
    }
}
