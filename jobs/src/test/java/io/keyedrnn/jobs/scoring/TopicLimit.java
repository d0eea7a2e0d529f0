package io.keyedrnn.jobs.scoring;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.kafka.KafkaIo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Lowers and restores a topic's max.message.bytes on a running broker, and returns only once the
 * broker acts on the change (seen by sending probe records keyed {@value #PROBE_KEY}).
 */
final class TopicLimit {
    static final String PROBE_KEY = "limit-probe";
    private static final String KEY = "max.message.bytes";

    private final EmbeddedKafka kafka;
    private final String topic;

    TopicLimit(EmbeddedKafka kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    static boolean isProbe(ConsumerRecord<byte[], byte[]> r) {
        return r.key() != null && PROBE_KEY.equals(new String(r.key(), StandardCharsets.UTF_8));
    }

    /** Records above {@code bytes} are refused from now on. */
    void refuseAbove(int bytes) throws Exception {
        alter(
                new AlterConfigOp(
                        new ConfigEntry(KEY, String.valueOf(bytes)), AlterConfigOp.OpType.SET));
        awaitProbe(2 * bytes, false);
    }

    /** Back to the broker's default limit. */
    void restore() throws Exception {
        alter(new AlterConfigOp(new ConfigEntry(KEY, ""), AlterConfigOp.OpType.DELETE));
        awaitProbe(4000, true);
    }

    private void alter(AlterConfigOp op) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(Map.of(r, List.of(op))).all().get();
        }
    }

    /** Sends probes of {@code size} bytes until the broker takes them ({@code accepted}) or not. */
    private void awaitProbe(int size, boolean accepted) throws Exception {
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'p');
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (KafkaProducer<byte[], byte[]> p = KafkaIo.producer(kafka.bootstrapServers())) {
            while (taken(p, value) != accepted) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + ": " + KEY + " change not in effect");
                }
                Thread.sleep(100);
            }
        }
    }

    private boolean taken(KafkaProducer<byte[], byte[]> p, byte[] value) throws Exception {
        byte[] key = PROBE_KEY.getBytes(StandardCharsets.UTF_8);
        try {
            p.send(new ProducerRecord<>(topic, key, value)).get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException) {
                return false;
            }
            throw e;
        }
    }
}
