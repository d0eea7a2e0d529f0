package io.keyedrnn.bench.flink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Feeds the events topic and reads the predictions topic of one running job. */
final class LatencyProbe {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String eventsTopic;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final int keys;

    LatencyProbe(
            KafkaProducer<byte[], byte[]> producer,
            String eventsTopic,
            KafkaConsumer<byte[], byte[]> reader,
            int keys) {
        this.producer = producer;
        this.eventsTopic = eventsTopic;
        this.reader = reader;
        this.keys = keys;
    }

    /** Sends n events at once and times until all their predictions were read. */
    void backlog(String label, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            producer.send(
                    KafkaLatencyBench.event(eventsTopic, i % keys, System.currentTimeMillis()));
        }
        producer.flush();
        long seen = drain(n, null, 0);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s backlog of %d events in %.1f s = %.0f events/s (%d predictions read)%n",
                label,
                n,
                secs,
                n / secs,
                seen);
        System.out.flush();
    }

    /** Sends at a steady rate for the given time and prints the latency percentiles. */
    void steady(String label, int rate, int seconds) throws Exception {
        long[] latencies = new long[rate * seconds];
        long phase = System.currentTimeMillis();
        long[] seen = new long[1];
        Thread t = new Thread(() -> seen[0] = drain(latencies.length, latencies, phase), "reader");
        t.start();
        long t0 = System.nanoTime();
        for (int i = 0; i < latencies.length; i++) {
            long due = t0 + (long) (i * 1e9 / rate);
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            producer.send(
                    KafkaLatencyBench.event(eventsTopic, i % keys, System.currentTimeMillis()));
        }
        double sendSecs = (System.nanoTime() - t0) / 1e9;
        producer.flush();
        t.join(300_000);
        int n = (int) seen[0];
        long[] got = Arrays.copyOf(latencies, n);
        Arrays.sort(got);
        System.out.printf(
                Locale.ROOT,
                "%s at %d events/s (sent in %.1f s, %d of %d read): latency p50 %d ms, p99 %d ms,"
                        + " p99.9 %d ms, max %d ms%n",
                label,
                rate,
                sendSecs,
                n,
                latencies.length,
                at(got, 0.5),
                at(got, 0.99),
                at(got, 0.999),
                n == 0 ? -1 : got[n - 1]);
        System.out.flush();
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0
                ? -1
                : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))];
    }

    /**
     * Reads n predictions (of events sent from phaseStart on, when latencies is given: their now −
     * event ts goes there); gives up after five minutes. Returns how many it read.
     */
    private long drain(int n, long[] latencies, long phaseStart) {
        long seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < n && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                if (latencies == null) {
                    seen++;
                    continue;
                }
                long ts = eventTime(r.value());
                if (ts >= phaseStart && seen < n) {
                    latencies[(int) seen++] = now - ts;
                }
            }
        }
        return seen;
    }

    private static long eventTime(byte[] json) {
        String s = new String(json, 0, Math.min(json.length, 120), StandardCharsets.UTF_8);
        int i = s.indexOf("\"ts\":") + 5;
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return Long.parseLong(s.substring(i, j));
    }
}
