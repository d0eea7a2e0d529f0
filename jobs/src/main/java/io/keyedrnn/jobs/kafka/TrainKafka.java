package io.keyedrnn.jobs.kafka;

import io.keyedrnn.jobs.common.Causes;
import io.keyedrnn.jobs.common.JobException;
import io.keyedrnn.model.io.Model;
import io.keyedrnn.model.io.ModelFile;
import io.keyedrnn.model.io.ModelFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka side of retraining: the check that broker and topics are there, the newest model on the
 * models topic, and publishing a model (one record: the safetensors bytes, under the record key
 * {@code models.key}, default {@code model}, so a compacted topic keeps the newest).
 */
public final class TrainKafka {
    private TrainKafka() {}

    /** The newest model on the models topic, and how many records were not model files. */
    public record Current(Model model, String origin, int unreadable) {}

    /** Client settings: every {@code kafka.X} setting as X, plus the bootstrap servers. */
    public static Properties clientProperties(TrainKafkaSettings s) {
        Properties p = new Properties();
        p.putAll(s.clientSettings());
        p.put("bootstrap.servers", s.bootstrapServers());
        String ms = String.valueOf(s.timeoutMs());
        p.putIfAbsent("default.api.timeout.ms", ms);
        p.putIfAbsent("request.timeout.ms", ms);
        return p;
    }

    /** Fails with a clear message unless the broker answers and the topics in use exist. */
    public static void check(TrainKafkaSettings s) {
        List<String> topics = new ArrayList<>();
        if (s.fromKafka()) {
            topics.add(s.eventsTopic());
        }
        if (s.modelsTopic() != null) {
            topics.add(s.modelsTopic());
        }
        try (Admin admin = Admin.create(clientProperties(s))) {
            Set<String> existing =
                    admin.listTopics().names().get(s.timeoutMs(), TimeUnit.MILLISECONDS);
            for (String t : topics) {
                if (!existing.contains(t)) {
                    throw JobException.badInput(
                            "topic '" + t + "' does not exist on " + s.bootstrapServers());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new JobException(
                    JobException.FAILED,
                    "cannot reach Kafka at "
                            + s.bootstrapServers()
                            + " within "
                            + s.timeoutMs()
                            + " ms ("
                            + Causes.innermost(e)
                            + "); check --bootstrap-servers and kafka.* settings",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException(JobException.FAILED, "interrupted while checking Kafka", e);
        }
    }

    /** Reads the models topic to its end; null when it holds no model file. */
    public static Current latestModel(TrainKafkaSettings s) {
        Properties p = clientProperties(s);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("max.partition.fetch.bytes", String.valueOf(64 << 20));
        Model best = null;
        String origin = null;
        int unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(s.modelsTopic())
                    .forEach(i -> parts.add(new TopicPartition(s.modelsTopic(), i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + s.timeoutMs() * 1_000_000L;
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new JobException(
                            JobException.FAILED,
                            "could not read topic '" + s.modelsTopic() + "' to its end in time");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String where = r.topic() + "/" + r.partition() + "@" + r.offset();
                    Model m = parse(r.value(), where);
                    if (m == null) {
                        unreadable++;
                    } else if (best == null || m.version() >= best.version()) {
                        best = m;
                        origin = where;
                    }
                }
            }
        }
        return best == null && unreadable == 0 ? null : new Current(best, origin, unreadable);
    }

    private static Model parse(byte[] value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return ModelFile.read(value, where);
        } catch (ModelFormatException e) {
            return null;
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends the model file and waits for the broker's acknowledgement; returns where it landed as
     * topic/partition@offset.
     */
    public static String publish(TrainKafkaSettings s, byte[] file) {
        Properties p = clientProperties(s);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(Math.max(1 << 20, file.length + (64 << 10))));
        p.put("delivery.timeout.ms", String.valueOf(s.timeoutMs() + 1000));
        p.put("linger.ms", "0");
        byte[] key = s.modelsKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            RecordMetadata md =
                    producer.send(new ProducerRecord<>(s.modelsTopic(), key, file))
                            .get(s.timeoutMs() + 5000, TimeUnit.MILLISECONDS);
            return md.topic() + "/" + md.partition() + "@" + md.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new JobException(
                    JobException.FAILED,
                    "could not publish the model ("
                            + file.length
                            + " bytes) to topic '"
                            + s.modelsTopic()
                            + "': "
                            + Causes.innermost(e)
                            + " (a model above the topic's max.message.bytes needs a larger limit)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException(JobException.FAILED, "interrupted while publishing", e);
        }
    }
}
