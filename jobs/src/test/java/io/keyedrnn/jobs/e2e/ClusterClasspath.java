package io.keyedrnn.jobs.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the cluster JVMs: what flink-dist's {@code lib/} would hold, taken from this
 * test's classpath (Flink runtime and web, logging) without the project's classes, the libraries
 * only the job uses, and test libraries.
 *
 * <p>Whatever the job needs must come from the uploaded jar, as on a real cluster. A library left
 * on the cluster's classpath would hide its absence from the shaded jar (the job's class loader
 * asks the parent for what it lacks). And with the Kafka connector on both sides, Flink would load
 * {@code org.apache.flink.*} parent-first and the Kafka clients child-first, so the connector and
 * the job's deserializer would see two copies of the Kafka classes: why flink-dist has no
 * connectors.
 */
final class ClusterClasspath {
    /** File-name prefixes of jars the job brings itself (see the poms) or tests use. */
    private static final List<String> LEFT_OUT =
            List.of(
                    // the job's own dependencies, bundled in the shaded jar
                    "ejml-",
                    "picocli-",
                    "jackson-",
                    "kafka",
                    "flink-connector-kafka-",
                    // test libraries
                    "flink-test-utils",
                    "junit",
                    "opentest4j-",
                    "apiguardian-",
                    "hamcrest-",
                    "assertj-",
                    "byte-buddy",
                    "testcontainers-",
                    "duct-tape-",
                    "docker-java",
                    "jna-",
                    "curator-test-");

    private ClusterClasspath() {}

    /** The entries, in test classpath order, without anything under projectRoot. */
    static List<String> entries(Path projectRoot) {
        List<String> out = new ArrayList<>();
        Path root = projectRoot.toAbsolutePath().normalize();
        for (String e : testClasspath()) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (!e.isBlank() && !p.startsWith(root) && kept(p.getFileName().toString())) {
                out.add(p.toString());
            }
        }
        if (out.stream().noneMatch(e -> e.contains("flink-runtime-web-"))) {
            throw new IllegalStateException(
                    "flink-runtime-web is not on the test classpath (the standalone cluster needs"
                            + " it for the REST jar upload): "
                            + out);
        }
        return out;
    }

    private static boolean kept(String jar) {
        return !jar.endsWith("-tests.jar") && LEFT_OUT.stream().noneMatch(jar::startsWith);
    }

    /** The test JVM's classpath; a surefire manifest-only booter jar is expanded. */
    private static List<String> testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> entries = List.of(cp.split(File.pathSeparator));
        if (entries.size() == 1 && entries.get(0).contains("surefirebooter")) {
            return manifestClasspath(Path.of(entries.get(0)));
        }
        return entries;
    }

    private static List<String> manifestClasspath(Path booter) {
        try (JarFile jar = new JarFile(booter.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                throw new IllegalStateException("no Class-Path in the manifest of " + booter);
            }
            List<String> out = new ArrayList<>();
            for (String url : cp.trim().split("\\s+")) {
                URI u = booter.toUri().resolve(url);
                if (Files.exists(Path.of(u))) {
                    out.add(Path.of(u).toString());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classpath of " + booter, e);
        }
    }
}
