package io.keyedrnn.jobs.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README's layout section lists exactly the packages of the operator and jobs modules. */
class ReadmeLayoutTest {
    private static final Path ROOT = Path.of("..");

    /** Module directory, and the package its layout entries are relative to. */
    private static final Map<String, String> MODULES =
            Map.of("operator", "io/keyedrnn", "jobs", "io/keyedrnn/jobs");

    @Test
    void layoutListsEveryPackageAndNoOther() throws IOException {
        assertEquals(packagesInSource(), packagesInReadme());
    }

    /** Packages (as module/path) from the indented {@code name/} entries under a module line. */
    static TreeSet<String> packagesInReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("```", readme.indexOf("\n## Layout\n")) + 3;
        String block = readme.substring(start, readme.indexOf("```", start));
        TreeSet<String> found = new TreeSet<>();
        String module = null;
        List<String> path = new ArrayList<>();
        for (String line : block.lines().toList()) {
            int indent = line.length() - line.stripLeading().length();
            String word = line.strip().split("\\s+")[0];
            if (indent == 0) {
                String name = word.replace("/", "");
                module = MODULES.containsKey(name) ? name : null;
                path.clear();
            } else if (module != null && word.endsWith("/") && indent % 2 == 0) {
                int depth = indent / 2 - 1;
                path.subList(Math.min(depth, path.size()), path.size()).clear();
                path.add(word.substring(0, word.length() - 1));
                found.add(module + ":" + String.join("/", path));
            }
        }
        return found;
    }

    /** Directories holding Java sources below each module's base package. */
    static TreeSet<String> packagesInSource() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        for (Map.Entry<String, String> m : MODULES.entrySet()) {
            Path base = ROOT.resolve(m.getKey()).resolve("src/main/java").resolve(m.getValue());
            try (Stream<Path> files = Files.walk(base)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .map(f -> base.relativize(f.getParent()).toString())
                        .filter(p -> !p.isEmpty())
                        .forEach(p -> found.add(m.getKey() + ":" + p.replace('\\', '/')));
            }
        }
        return found;
    }
}
