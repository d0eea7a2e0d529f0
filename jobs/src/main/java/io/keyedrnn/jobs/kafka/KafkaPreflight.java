package io.keyedrnn.jobs.kafka;

import io.keyedrnn.jobs.common.Causes;
import io.keyedrnn.jobs.common.JobSettings;
import io.keyedrnn.settings.Setting;
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
 * sink's transaction timeout is within the broker's {@code transaction.max.timeout.ms}, and the
 * dead-letter topic takes records of {@code dead.letter.max.bytes}. Each failure is an {@link
 * IllegalStateException} that says what to fix.
 */
public final class KafkaPreflight {
    /** How long each check waits, unless kafka.default.api.timeout.ms says otherwise. */
    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    /** A record batch's header around a single record (61 bytes in format v2), with room. */
    static final long BATCH_OVERHEAD = 128;

    private KafkaPreflight() {}

    public static void check(ScoringKafkaSettings c) {
        Properties p = KafkaWiring.clientProperties(c);
        long timeoutMs =
                Long.parseLong(
                        p.getProperty(
                                "default.api.timeout.ms", String.valueOf(DEFAULT_TIMEOUT_MS)));
        p.put("default.api.timeout.ms", String.valueOf(timeoutMs));
        p.putIfAbsent("request.timeout.ms", String.valueOf(timeoutMs));
        String servers = c.required(JobSettings.BOOTSTRAP_SERVERS);
        try (Admin admin = Admin.create(p)) {
            Node broker = reach(admin, servers, timeoutMs);
            checkTopics(admin, c, servers, timeoutMs);
            checkDeadLetterSize(admin, c, timeoutMs);
            if (KafkaWiring.anyTransactions(c)) {
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
                            + Causes.innermost(e)
                            + "); check --bootstrap-servers and kafka.* security"
                            + " settings",
                    e);
        }
    }

    private static void checkTopics(
            Admin admin, ScoringKafkaSettings c, String servers, long timeoutMs)
            throws InterruptedException {
        Map<String, String> topics = new LinkedHashMap<>();
        for (Setting<String> s :
                List.of(
                        JobSettings.EVENTS_TOPIC,
                        JobSettings.PREDICTIONS_TOPIC,
                        JobSettings.MODELS_TOPIC,
                        JobSettings.DEAD_LETTER_TOPIC)) {
            topics.put(c.required(s), s.key());
        }
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot list topics on " + servers + ": " + Causes.innermost(e), e);
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

    /**
     * The dead-letter topic must take the largest dead letter the job writes: a broker refusing one
     * drops it (at-least-once) or fails the job (exactly-once), so a topic too small for them is
     * refused at the start.
     */
    private static void checkDeadLetterSize(Admin admin, ScoringKafkaSettings c, long timeoutMs)
            throws InterruptedException {
        String topic = c.required(JobSettings.DEAD_LETTER_TOPIC);
        long wanted = c.get(JobSettings.DEAD_LETTER_MAX_BYTES);
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry max =
                    admin.describeConfigs(List.of(res))
                            .all()
                            .get(timeoutMs, TimeUnit.MILLISECONDS)
                            .get(res)
                            .get("max.message.bytes");
            if (max != null
                    && max.value() != null
                    && Long.parseLong(max.value()) < wanted + BATCH_OVERHEAD) {
                throw new IllegalStateException(
                        "the dead-letter topic '"
                                + topic
                                + "' takes batches of at most "
                                + max.value()
                                + " bytes (max.message.bytes), below dead.letter.max.bytes "
                                + wanted
                                + " plus "
                                + BATCH_OVERHEAD
                                + "; lower dead.letter.max.bytes or raise the topic's"
                                + " max.message.bytes");
            }
        } catch (ExecutionException | TimeoutException e) {
            // Not allowed to describe topic configs (ACLs): the limit stays the user's to match.
        }
    }

    private static void checkTransactionTimeout(
            Admin admin, Node broker, ScoringKafkaSettings c, long timeoutMs)
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
}
