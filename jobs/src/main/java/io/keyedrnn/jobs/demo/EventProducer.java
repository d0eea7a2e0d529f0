package io.keyedrnn.jobs.demo;

import io.keyedrnn.jobs.kafka.RecordSender;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the generator's events to Kafka, all keys step by step, at a target rate (0 = as fast as
 * possible), recording every injected anomaly in the labels. Runs until {@link #stop()}.
 */
final class EventProducer implements Runnable {
    private final SeriesGenerator generator;
    private final Labels labels;
    private final String bootstrapServers;
    private final String topic;
    private final double rate;
    private final AtomicLong produced = new AtomicLong();
    private volatile boolean running = true;
    private int step;

    EventProducer(
            SeriesGenerator generator,
            Labels labels,
            String bootstrapServers,
            String topic,
            double rate) {
        this.generator = generator;
        this.labels = labels;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.rate = rate;
    }

    /** Produces steps [step, step + steps) at full speed (the history the first model learns). */
    void produceSteps(int steps) {
        try (RecordSender p = new RecordSender(bootstrapServers)) {
            for (int end = step + steps; step < end; step++) {
                sendStep(p);
            }
            p.flush();
        }
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        long sent = 0;
        try (RecordSender p = new RecordSender(bootstrapServers)) {
            while (running) {
                sendStep(p);
                step++;
                sent += generator.keys();
                if (rate > 0) {
                    long due = started + (long) (sent / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            p.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendStep(RecordSender p) {
        for (int k = 0; k < generator.keys(); k++) {
            SeriesGenerator.Sample s = generator.next(k, step);
            if (s.anomaly()) {
                labels.mark(k, step);
            }
            byte[] key = SeriesGenerator.key(k).getBytes(StandardCharsets.UTF_8);
            p.send(topic, key, s.json());
            produced.incrementAndGet();
        }
    }

    void stop() {
        running = false;
    }

    long produced() {
        return produced.get();
    }
}
