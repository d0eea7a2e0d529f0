package io.keyedrnn.flink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The operator's Flink metrics: {@code eventsScored}, {@code anomalies}, {@code deadLetters} (and
 * one counter per reason in the {@code deadLettersByReason} group), {@code modelVersion} (gauge, -1
 * before any model) and {@code stepTimeNanos}, a histogram of the keyed step's duration sampled
 * every {@value #SAMPLE_EVERY}th event so the clock reads cost next to nothing (batched: the
 * batch's time divided by its events, once per batch).
 */
final class ScoringMetrics {
    static final int SAMPLE_EVERY = 16;

    private final MetricGroup group;
    private final Counter deadLetters;
    private final Map<String, Counter> byReason = new HashMap<>();
    private Counter scored;
    private Counter anomalies;
    private Histogram stepTime;
    private long sample;

    ScoringMetrics(MetricGroup group) {
        this.group = group;
        this.deadLetters = group.counter("deadLetters");
    }

    /** Adds the counters of the keyed step (the parse stage has dead letters only). */
    ScoringMetrics withStepMetrics(LongSupplier modelVersion) {
        scored = group.counter("eventsScored");
        anomalies = group.counter("anomalies");
        stepTime = group.histogram("stepTimeNanos", new DescriptiveStatisticsHistogram(1024));
        group.gauge("modelVersion", modelVersion::getAsLong);
        return this;
    }

    void deadLetter(String reason) {
        deadLetters.inc();
        byReason.computeIfAbsent(reason, r -> group.addGroup("deadLettersByReason").counter(r))
                .inc();
    }

    /** A start time when this event is sampled, else -1. */
    long startStep() {
        return (++sample & (SAMPLE_EVERY - 1)) == 0 ? System.nanoTime() : -1;
    }

    /** A batch of n steps took nanos: each counts as nanos / n (one sample per batch). */
    void batchStepped(long nanos, int n) {
        if (n > 0) {
            stepTime.update(nanos / n);
        }
    }

    void scored(long start, boolean anomaly) {
        if (start >= 0) {
            stepTime.update(System.nanoTime() - start);
        }
        scored.inc();
        if (anomaly) {
            anomalies.inc();
        }
    }
}
