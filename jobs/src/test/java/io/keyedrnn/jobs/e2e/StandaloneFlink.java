package io.keyedrnn.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Flink session cluster of one JobManager and one TaskManager, each its own JVM started the way
 * flink-dist's scripts start them (entry point class, {@code --configDir}, memory settings from
 * {@code BashJavaUtils}), but with the Flink jars of this test's classpath instead of a
 * distribution.
 */
final class StandaloneFlink implements AutoCloseable {
    static final String JOB_MANAGER =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final List<String> OPENS =
            List.of(
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    private final ClusterConf conf;
    private final String classpath;

    /** Live cluster JVMs by log name ("jobmanager", "taskmanager", "taskmanager-2", ...). */
    private final Map<String, Process> processes = new LinkedHashMap<>();

    private int taskManagersStarted;
    private final Thread killer = new Thread(this::killAll, "kill-e2e-flink");
    private final FlinkRest rest;

    private StandaloneFlink(ClusterConf conf, String classpath) {
        this.conf = conf;
        this.classpath = classpath;
        this.rest = new FlinkRest(conf.restPort);
        // The JVMs must not outlive the test JVM, even when it is killed by a timeout.
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts both JVMs under work and waits until the REST API shows 1 TaskManager, 2 slots. */
    static StandaloneFlink start(Path work, Path projectRoot, Duration timeout) throws Exception {
        return start(work, projectRoot, timeout, Map.of());
    }

    /** As {@link #start(Path, Path, Duration)}, with settings replacing the template's. */
    static StandaloneFlink start(
            Path work, Path projectRoot, Duration timeout, Map<String, String> settings)
            throws Exception {
        ClusterConf conf = ClusterConf.write(work, settings);
        String cp = String.join(java.io.File.pathSeparator, ClusterClasspath.entries(projectRoot));
        StandaloneFlink flink = new StandaloneFlink(conf, cp);
        try {
            flink.launch("jobmanager", JOB_MANAGER, "GET_JM_RESOURCE_PARAMS", List.of());
            flink.startTaskManager();
            flink.awaitSlots(2, timeout);
        } catch (Exception | Error e) {
            flink.tailLogs(System.err, 60);
            flink.close();
            throw e;
        }
        return flink;
    }

    FlinkRest rest() {
        return rest;
    }

    /** SIGKILL to the TaskManager JVM: its tasks die with it, as when a machine fails. */
    void killTaskManager() throws InterruptedException {
        Process tm = processes.remove(taskManagerName());
        tm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a TaskManager JVM; after the first, each on fresh ports with its own log. */
    void startTaskManager() throws Exception {
        taskManagersStarted++;
        List<String> ports =
                taskManagersStarted == 1
                        ? List.of()
                        : List.of(
                                "-D",
                                "taskmanager.rpc.port=" + ClusterConf.freePort(),
                                "-D",
                                "taskmanager.data.port=" + ClusterConf.freePort());
        launch(taskManagerName(), TASK_MANAGER, "GET_TM_RESOURCE_PARAMS", ports);
    }

    private String taskManagerName() {
        return taskManagersStarted == 1 ? "taskmanager" : "taskmanager-" + taskManagersStarted;
    }

    private void launch(String role, String mainClass, String resourceCommand, List<String> extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", classpath));
        cmd.addAll(OPENS);
        List<String> memory = resourceParams(role, resourceCommand);
        cmd.addAll(List.of(memory.get(0).trim().split("\\s+")));
        cmd.add("-Dlog.file=" + conf.logs.resolve(role + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + conf.dir.resolve("log4j.properties").toUri());
        cmd.addAll(List.of(mainClass, "--configDir", conf.dir.toString()));
        // "-D key=value -D key=value": the memory sizes the JVM flags were computed from.
        for (String token : memory.get(1).trim().split("\\s+")) {
            if (!token.isEmpty()) {
                cmd.add(token);
            }
        }
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(conf.logs.resolve(role + ".out").toFile());
        processes.put(role, pb.start());
    }

    /** BashJavaUtils' two result lines: JVM flags, then dynamic -D settings. */
    private List<String> resourceParams(String role, String command) throws Exception {
        role = role.startsWith("taskmanager") ? "taskmanager" : role;
        Path out = conf.logs.resolve(role + "-resources.out");
        Process p =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                classpath,
                                BASH_JAVA_UTILS,
                                command,
                                "--configDir",
                                conf.dir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(BASH_JAVA_UTILS + " " + command + " hung; see " + out);
        }
        List<String> results = new ArrayList<>();
        String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith(prefix)) {
                results.add(line.substring(prefix.length()));
            }
        }
        if (p.exitValue() != 0 || results.size() < 2) {
            throw new IllegalStateException(
                    BASH_JAVA_UTILS
                            + " "
                            + command
                            + " failed (exit "
                            + p.exitValue()
                            + "): "
                            + Files.readString(out));
        }
        return results.subList(results.size() - 2, results.size());
    }

    void awaitSlots(int slots, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                JsonNode o = rest.get("/overview");
                last = o.toString();
                if (o.path("taskmanagers").asInt() == 1 && o.path("slots-total").asInt() == slots) {
                    return;
                }
            } catch (IOException | IllegalStateException e) {
                // Not up yet: refused, or HTTP 503 while the JobManager elects its leader.
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "the cluster at "
                        + rest.base()
                        + " did not show 1 TaskManager with "
                        + slots
                        + " slots within "
                        + timeout
                        + "; last /overview: "
                        + last);
    }

    /** Throws if a cluster JVM has exited. */
    void checkAlive() {
        processes.forEach(
                (role, p) -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(
                                "the "
                                        + role
                                        + " JVM exited with code "
                                        + p.exitValue()
                                        + "; see "
                                        + conf.logs.resolve(role + ".log"));
                    }
                });
    }

    /** Prints the last lines of every log file of the cluster. */
    void tailLogs(PrintStream out, int lines) {
        try (var files = Files.list(conf.logs)) {
            for (Path f : files.sorted().toList()) {
                List<String> all = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                out.println("==== " + f + " (last " + lines + " of " + all.size() + " lines)");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            }
        } catch (IOException e) {
            out.println("cannot read the cluster logs in " + conf.logs + ": " + e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stops the TaskManager, then the JobManager: politely (SIGTERM), then forcibly. */
    @Override
    public void close() throws InterruptedException {
        List<Process> newestFirst = new ArrayList<>(processes.values());
        Collections.reverse(newestFirst);
        for (Process p : newestFirst) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway and finds nothing left to kill.
        }
    }

    private void killAll() {
        processes.values().forEach(Process::destroyForcibly);
    }
}
