package io.keyedrnn.jobs.scoring;

import io.keyedrnn.jobs.common.JobSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks before submitting: the broker answers, the four topics exist, and (exactly-once) the
 * sink's transaction timeout is within the broker's {@code transaction.max.timeout.ms}. Each
 * failure is an {@link IllegalStateException} that says what to fix.
 */
public final class KafkaPreflight {
    /** How long each check waits, unless kafka.default.api.timeout.ms says otherwise. */
    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    private KafkaPreflight() {}

    public static void check(ScoringJobConfig c) {
        Properties p = KafkaWiring.clientProperties(c);
        long timeoutMs =
                Long.parseLong(
                        p.getProperty(
                                "default.api.timeout.ms", String.valueOf(DEFAULT_TIMEOUT_MS)));
        p.put("default.api.timeout.ms", String.valueOf(timeoutMs));
        p.putIfAbsent("request.timeout.ms", String.valueOf(timeoutMs));
        String servers = c.required("bootstrap.servers");
        try (Admin admin = Admin.create(p)) {
            Node broker = reach(admin, servers, timeoutMs);
            checkTopics(admin, c, servers, timeoutMs);
            if (c.deliveryGuarantee().equals("exactly-once")) {
                checkTransactionTimeout(admin, broker, c, timeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka at " + servers, e);
        }
    }

    private static Node reach(Admin admin, String servers, long timeoutMs)
            throws InterruptedException {
        DescribeClusterResult cluster = admin.describeCluster();
        try {
            List<Node> nodes =
                    new ArrayList<>(cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS));
            return nodes.get(0);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot reach Kafka at "
                            + servers
                            + " within "
                            + timeoutMs
                            + " ms ("
                            + rootMessage(e)
                            + "); check --bootstrap-servers and kafka.* security"
                            + " settings",
                    e);
        }
    }

    private static void checkTopics(Admin admin, ScoringJobConfig c, String servers, long timeoutMs)
            throws InterruptedException {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String key :
                List.of("events.topic", "predictions.topic", "models.topic", "dead.letter.topic")) {
            topics.put(c.required(key), key);
        }
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot list topics on " + servers + ": " + rootMessage(e), e);
        }
        List<String> missing = new ArrayList<>();
        topics.forEach(
                (topic, key) -> {
                    if (!existing.contains(topic)) {
                        missing.add("'" + topic + "' (" + key + ")");
                    }
                });
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "topic(s) "
                            + String.join(", ", missing)
                            + " do not exist on "
                            + servers
                            + "; create them first (kafka-topics.sh --create)");
        }
    }

    private static void checkTransactionTimeout(
            Admin admin, Node broker, ScoringJobConfig c, long timeoutMs)
            throws InterruptedException {
        long wanted = c.get(JobSettings.TRANSACTION_TIMEOUT_MS);
        ConfigResource res = new ConfigResource(ConfigResource.Type.BROKER, broker.idString());
        try {
            Config config =
                    admin.describeConfigs(List.of(res))
                            .all()
                            .get(timeoutMs, TimeUnit.MILLISECONDS)
                            .get(res);
            ConfigEntry max = config.get("transaction.max.timeout.ms");
            if (max != null && max.value() != null && Long.parseLong(max.value()) < wanted) {
                throw new IllegalStateException(
                        "transaction.timeout.ms "
                                + wanted
                                + " exceeds the broker's"
                                + " transaction.max.timeout.ms "
                                + max.value()
                                + "; lower transaction.timeout.ms");
            }
        } catch (ExecutionException | TimeoutException e) {
            // Not allowed to describe broker configs (ACLs): the sink reports it at start instead.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
