package io.keyedrnn.jobs.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker inside this JVM, for the demo and the integration tests.
 *
 * <p>It starts in about two seconds, listens on an ephemeral port and deletes its log directories
 * on {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** The broker refuses producer transactions longer than this (ms); sinks must stay below. */
    public static final long MAX_TRANSACTION_TIMEOUT_MS = 900_000;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a combined controller + broker node and waits until it serves. */
    public static EmbeddedKafka start() throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
        KafkaClusterTestKit cluster =
                new KafkaClusterTestKit.Builder(nodes)
                        // One broker: internal topics cannot have more replicas.
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp(
                                "transaction.max.timeout.ms",
                                String.valueOf(MAX_TRANSACTION_TIMEOUT_MS))
                        .build();
        try {
            StdoutToLog.run(LOG, cluster::format);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    /** host:port list for clients. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates topics with the given partition count (replication 1), waiting for completion. */
    public void createTopics(int partitions, String... topics) throws Exception {
        createTopics(partitions, Map.of(), topics);
    }

    /** Creates topics with partition count and topic configs (e.g. cleanup.policy=compact). */
    public void createTopics(int partitions, Map<String, String> configs, String... topics)
            throws Exception {
        List<NewTopic> newTopics = new ArrayList<>();
        for (String topic : topics) {
            newTopics.add(new NewTopic(topic, partitions, (short) 1).configs(configs));
        }
        try (Admin admin = admin()) {
            admin.createTopics(newTopics).all().get();
            awaitLeaders(admin, List.of(topics), partitions);
        }
    }

    /**
     * Waits until the broker describes every topic with a leader for each partition: creation
     * returns once the controller commits, and a client that asks a broker before its metadata
     * caught up is told the topic does not exist (a job's source enumerator then fails over).
     */
    private static void awaitLeaders(Admin admin, List<String> topics, int partitions)
            throws Exception {
        long deadline = System.nanoTime() + clientTimeout().toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> d =
                        admin.describeTopics(topics).allTopicNames().get();
                if (d.values().stream().allMatch(t -> led(t, partitions))) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have no leader yet");
            }
            Thread.sleep(20);
        }
    }

    private static boolean led(TopicDescription t, int partitions) {
        return t.partitions().size() == partitions
                && t.partitions().stream().allMatch(p -> p.leader() != null);
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** How long clients should wait for the embedded broker in tests and the demo. */
    public static Duration clientTimeout() {
        return Duration.ofSeconds(30);
    }
}
