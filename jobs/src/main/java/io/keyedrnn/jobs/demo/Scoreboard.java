package io.keyedrnn.jobs.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyedrnn.jobs.common.Counts;
import io.keyedrnn.jobs.kafka.TopicFollower;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the committed predictions and dead letters and keeps the demo's tallies: counts, anomalies
 * per key, model versions, and precision/recall of the alerts against the injected labels (warm-up
 * events excluded).
 */
final class Scoreboard implements Runnable {
    private final ObjectMapper json = new ObjectMapper();
    private final Labels labels;
    private final String bootstrapServers;
    private final String predictionsTopic;
    private final String deadLetterTopic;
    private volatile boolean running = true;

    private long predictions;
    private long deadLetters;
    private long truePositives;
    private long falsePositives;
    private long falseNegatives;
    private final Map<String, Integer> anomaliesByKey = new TreeMap<>();
    private final Map<Long, Long> byVersion = new TreeMap<>();
    private final Map<String, Long> deadByReason = new TreeMap<>();

    Scoreboard(Labels labels, String bootstrapServers, String predictions, String deadLetters) {
        this.labels = labels;
        this.bootstrapServers = bootstrapServers;
        this.predictionsTopic = predictions;
        this.deadLetterTopic = deadLetters;
    }

    @Override
    public void run() {
        TopicFollower.follow(
                bootstrapServers,
                List.of(predictionsTopic, deadLetterTopic),
                () -> running,
                this::count);
    }

    private void count(String topic, byte[] value) {
        JsonNode n;
        try {
            n = json.readTree(value);
        } catch (IOException e) {
            return;
        }
        synchronized (this) {
            if (topic.equals(deadLetterTopic)) {
                deadLetters++;
                deadByReason.merge(n.path("reason").asText(), 1L, Long::sum);
                return;
            }
            predictions++;
            byVersion.merge(n.path("model_version").asLong(), 1L, Long::sum);
            String key = n.path("key").asText();
            boolean flagged = n.path("anomaly").asBoolean();
            if (flagged) {
                anomaliesByKey.merge(key, 1, Integer::sum);
            }
            int k = Labels.keyIndex(key);
            if (k < 0 || n.path("warmup").asBoolean()) {
                return;
            }
            boolean truth = labels.isAnomaly(k, SeriesGenerator.step(n.path("ts").asLong()));
            truePositives += flagged && truth ? 1 : 0;
            falsePositives += flagged && !truth ? 1 : 0;
            falseNegatives += !flagged && truth ? 1 : 0;
        }
    }

    void stop() {
        running = false;
    }

    synchronized long predictions() {
        return predictions;
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    /** Predictions per model version. */
    synchronized Map<Long, Long> versions() {
        return new TreeMap<>(byVersion);
    }

    /** Share of alerts (after warm-up) that hit an injected anomaly; NaN without alerts. */
    synchronized double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Share of injected anomalies (after warm-up) that raised an alert; NaN without any. */
    synchronized double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** A one-line summary, plus the keys with the most alerts. */
    synchronized String summary(int topKeys) {
        double precision = precision();
        double recall = recall();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        java.util.Locale.ROOT,
                        "predictions %d, alerts %d, dead letters %d%s, %s | precision %.2f,"
                                + " recall %.2f (tp %d, fp %d, fn %d)",
                        predictions,
                        anomaliesByKey.values().stream().mapToLong(Integer::longValue).sum(),
                        deadLetters,
                        Counts.inParentheses(deadByReason),
                        byVersion.isEmpty()
                                ? "no model version yet"
                                : "by model version " + Counts.list(byVersion),
                        precision,
                        recall,
                        truePositives,
                        falsePositives,
                        falseNegatives));
        if (anomaliesByKey.isEmpty()) {
            return sb.toString();
        }
        sb.append("\n    most alerts:");
        anomaliesByKey.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(topKeys)
                .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return sb.toString();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
