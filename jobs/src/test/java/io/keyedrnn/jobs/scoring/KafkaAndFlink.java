package io.keyedrnn.jobs.scoring;

import io.keyedrnn.jobs.kafka.EmbeddedKafka;
import io.keyedrnn.jobs.local.LocalFlink;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** An in-JVM Kafka broker and a local Flink cluster, started once per test class. */
final class KafkaAndFlink implements BeforeAllCallback, AfterAllCallback {
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private final Configuration flinkConf;
    private EmbeddedKafka kafka;
    private LocalFlink flink;

    KafkaAndFlink(int taskManagers, int slotsPerTaskManager) {
        this(taskManagers, slotsPerTaskManager, new Configuration());
    }

    /** With cluster settings, e.g. a metric reporter the test reads. */
    KafkaAndFlink(int taskManagers, int slotsPerTaskManager, Configuration flinkConf) {
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.flinkConf = flinkConf;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start();
        flink = LocalFlink.start(taskManagers, slotsPerTaskManager, flinkConf);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    LocalFlink flink() {
        return flink;
    }
}
