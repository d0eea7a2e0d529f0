package io.keyedrnn.jobs.local;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster in this JVM, listening on loopback only (see {@link #BIND_KEYS}), with the
 * controls the demo and the integration tests need: submit (optionally from a savepoint), wait for
 * checkpoints, stop with a savepoint, cancel, and kill or add task managers to inject failures.
 */
public final class LocalFlink implements AutoCloseable {
    /** Where the embedded cluster listens unless the configuration says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Flink's address and bind options: the REST endpoint (which answers without authentication),
     * the blob server and RPC of the JobManager ({@code jobmanager.bind-host}), and the
     * TaskManager's RPC and data ports ({@code taskmanager.bind-host}). Each defaults to {@link
     * #LOOPBACK}; a {@code flink.}-prefixed setting of the same key wins.
     */
    public static final List<String> BIND_KEYS =
            List.of(
                    "rest.bind-address",
                    "rest.address",
                    "jobmanager.bind-host",
                    "jobmanager.rpc.address",
                    "taskmanager.bind-host",
                    "taskmanager.host");

    private final MiniCluster cluster;
    private int taskManagers;
    private int firstLive;

    private LocalFlink(MiniCluster cluster, int taskManagers) {
        this.cluster = cluster;
        this.taskManagers = taskManagers;
    }

    public static LocalFlink start(int taskManagers, int slotsPerTaskManager, Configuration conf)
            throws Exception {
        Configuration c = new Configuration(conf);
        for (String key : BIND_KEYS) {
            if (!c.containsKey(key)) {
                c.setString(key, LOOPBACK);
            }
        }
        if (!c.containsKey("rest.port")) {
            c.setString("rest.port", "0");
        }
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(c)
                                .setNumTaskManagers(taskManagers)
                                .setNumSlotsPerTaskManager(slotsPerTaskManager)
                                .withRandomPorts()
                                .build());
        cluster.start();
        return new LocalFlink(cluster, taskManagers);
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /** One console line saying where the REST API, and the web UI if it is there, listen. */
    public String endpoints() throws Exception {
        boolean webUi = LocalFlink.class.getClassLoader().getResource("web/index.html") != null;
        return (webUi ? "Flink web UI and REST API at " : "Flink REST API (no web UI) at ")
                + restAddress()
                + (restAddress().getHost().equals(LOOPBACK) ? " (this machine only)" : "");
    }

    /** Where the REST API (and the web UI, when flink-runtime-web is on the class path) is. */
    public URI restAddress() throws Exception {
        return cluster.getRestAddress().get(1, TimeUnit.MINUTES);
    }

    /** Submits what was built on env; restores from {@code savepoint} unless it is null. */
    public JobID submit(StreamExecutionEnvironment env, String name, String savepoint)
            throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return cluster.submitJob(graph).get().getJobID();
    }

    /** Submits what was built on env as job {@code id}, restoring as {@code restore} says. */
    public JobID submit(
            StreamExecutionEnvironment env, String name, JobID id, SavepointRestoreSettings restore)
            throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        graph.setJobId(id);
        graph.setSavepointRestoreSettings(restore);
        return cluster.submitJob(graph).get().getJobID();
    }

    public JobStatus status(JobID job) throws Exception {
        return cluster.getJobStatus(job).get();
    }

    /** Completed checkpoints of the job so far (restored attempts included). */
    public long completedCheckpoints(JobID job) throws Exception {
        CheckpointStatsSnapshot s =
                cluster.getExecutionGraph(job).get().getCheckpointStatsSnapshot();
        return s == null ? 0 : s.getCounts().getNumberOfCompletedCheckpoints();
    }

    /** Highest execution attempt of any task: 0 until the job restarted after a failure. */
    public int maxAttempt(JobID job) throws Exception {
        int max = 0;
        for (AccessExecutionVertex v :
                cluster.getExecutionGraph(job).get().getAllExecutionVertices()) {
            max = Math.max(max, v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return max;
    }

    /** Waits until the job has completed at least n checkpoints; fails if it ends first. */
    public void awaitCheckpoints(JobID job, long n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completedCheckpoints(job) < n) {
            JobStatus st = status(job);
            if (st.isGloballyTerminalState()) {
                throw new IllegalStateException("job " + job + " ended (" + st + ") early");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "job " + job + " did not complete " + n + " checkpoints in " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until every task of the job runs (after a restart, too). */
    public void awaitRunning(JobID job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(job) != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job + " not running in " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Stops the job with a final savepoint under dir and returns its path. */
    public String stopWithSavepoint(JobID job, String dir) throws Exception {
        String path =
                cluster.stopWithSavepoint(job, dir, false, SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        awaitTerminal(job);
        return path;
    }

    public void cancel(JobID job) throws Exception {
        if (!status(job).isGloballyTerminalState()) {
            cluster.cancelJob(job).get(1, TimeUnit.MINUTES);
        }
        awaitTerminal(job);
    }

    private void awaitTerminal(JobID job) throws Exception {
        cluster.requestJobResult(job).get(2, TimeUnit.MINUTES);
    }

    /**
     * Kills every task manager (their tasks fail and the job fails over) and starts as many fresh
     * ones. MiniCluster keeps terminated task managers in its list, so live ones are tracked here.
     */
    public void replaceTaskManagers() throws Exception {
        int n = taskManagers - firstLive;
        for (int i = firstLive; i < taskManagers; i++) {
            cluster.terminateTaskManager(i).get(1, TimeUnit.MINUTES);
        }
        firstLive = taskManagers;
        for (int i = 0; i < n; i++) {
            cluster.startTaskManager();
            taskManagers++;
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
