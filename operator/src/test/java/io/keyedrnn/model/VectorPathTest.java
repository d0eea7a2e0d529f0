package io.keyedrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two paths in their own JVMs: without the module the Vector API is never loaded and nothing is
 * printed, even with the switch on; with the module and the switch, every cell kind's single and
 * batched steps give the scalar path's bits ({@link StepDigest}).
 */
class VectorPathTest {
    private static Run scalar;
    private static Run vector;

    @BeforeAll
    static void runBoth(@TempDir Path dir) throws Exception {
        // Asked for, but without the module: the harder case for "never loaded, prints nothing".
        scalar =
                Run.of(dir, "scalar", List.of("-verbose:class", "-D" + Kernels.PROPERTY + "=true"));
        vector =
                Run.of(
                        dir,
                        "vector",
                        List.of(
                                "--add-modules",
                                Kernels.MODULE,
                                "-D" + Kernels.PROPERTY + "=true"));
    }

    @Test
    void jvmWithoutTheModuleLoadsNoVectorApiClassAndPrintsNothingOnStderr() {
        assertTrue(
                scalar.lines().get(0).startsWith("scalar: " + Kernels.PROPERTY + " asks"),
                scalar.out);
        List<String> loaded = scalar.out.lines().filter(l -> l.contains("[class,load]")).toList();
        assertTrue(
                loaded.stream().anyMatch(l -> l.contains(" io.keyedrnn.model.WeightColumns ")),
                "-verbose:class lists the classes");
        for (String l : loaded) {
            assertFalse(l.contains("VectorApiKernels") || l.contains("jdk.incubator.vector"), l);
        }
        assertEquals("", scalar.err);
    }

    @Test
    void vectorJvmTakesTheVectorPathAndGivesTheScalarBits() {
        assertTrue(vector.lines().get(0).startsWith("vector ("), vector.out);
        assertTrue(vector.err.contains("Using incubator modules"), vector.err);
        List<String> expected =
                scalar.lines().stream().filter(l -> l.startsWith("NetworkSpec")).toList();
        List<String> actual =
                vector.lines().stream().filter(l -> l.startsWith("NetworkSpec")).toList();
        assertEquals(5 * 7, expected.size(), scalar.out);
        assertEquals(expected, actual);
    }

    /** One child JVM running StepDigest. */
    private record Run(String out, String err) {
        static Run of(Path dir, String name, List<String> options)
                throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(options);
            cmd.add("-cp");
            cmd.add(location(Kernels.class) + File.pathSeparator + location(StepDigest.class));
            cmd.add(StepDigest.class.getName());
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile());
            pb.redirectError(err.toFile()).environment().remove(Kernels.ENV);
            Process p = pb.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " JVM did not finish");
            Run run =
                    new Run(
                            Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
            assertEquals(0, p.exitValue(), name + " JVM failed: " + run.err);
            return run;
        }

        private static String location(Class<?> c) {
            try {
                return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        List<String> lines() {
            return out.lines().filter(l -> !l.startsWith("[")).toList();
        }
    }
}
