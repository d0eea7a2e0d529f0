package io.keyedrnn.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Many hosts' metrics with labelled injected anomalies, deterministic from a seed.
 *
 * <p>Each key is a host with three features: CPU percent, requests per second and latency in ms.
 * CPU and requests follow a daily cycle (one "day" = {@value #DAY} steps) with the host's own
 * level, amplitude and phase plus Gaussian noise; latency rises with CPU. With probability {@code
 * anomalyRate} a step is an injected anomaly of one of three kinds: a CPU spike, a latency surge
 * without CPU load (the features' relation breaks), or requests dropping to near zero. Step t of a
 * key has timestamp {@code start + t} seconds.
 */
final class SeriesGenerator {
    static final int FEATURES = 3;
    static final int DAY = 120;
    static final long START_MS = 1_700_000_000_000L;

    private final Host[] hosts;
    private final double anomalyRate;
    private final SplittableRandom random;

    private record Host(double cpu, double amp, double phase, double req, double lat) {}

    SeriesGenerator(int keys, double anomalyRate, long seed) {
        this.random = new SplittableRandom(seed);
        this.anomalyRate = anomalyRate;
        this.hosts = new Host[keys];
        for (int k = 0; k < keys; k++) {
            hosts[k] =
                    new Host(
                            20 + 40 * random.nextDouble(),
                            5 + 15 * random.nextDouble(),
                            2 * Math.PI * random.nextDouble(),
                            100 + 900 * random.nextDouble(),
                            20 + 30 * random.nextDouble());
        }
    }

    int keys() {
        return hosts.length;
    }

    static String key(int k) {
        return String.format(Locale.ROOT, "host-%03d", k);
    }

    /** One event of key k at step t: its JSON bytes, and whether it is an injected anomaly. */
    record Sample(byte[] json, boolean anomaly) {}

    /** The next event of key k at step t (call in step order: the noise comes from one stream). */
    Sample next(int k, int t) {
        Host h = hosts[k];
        double cycle = Math.sin(2 * Math.PI * t / DAY + h.phase());
        double cpu = h.cpu() + h.amp() * cycle + 2 * random.nextGaussian();
        double req = h.req() * (1 + 0.3 * cycle) + 0.03 * h.req() * random.nextGaussian();
        double lat = h.lat() + 0.8 * cpu + 2 * random.nextGaussian();
        boolean anomaly = t >= DAY / 4 && random.nextDouble() < anomalyRate;
        if (anomaly) {
            switch (random.nextInt(3)) {
                case 0 -> cpu = Math.min(100, cpu + 35 + 10 * random.nextDouble());
                case 1 -> lat = lat * (3 + random.nextDouble());
                default -> req = req * 0.05;
            }
        }
        String json =
                String.format(
                        Locale.ROOT,
                        "{\"key\":\"%s\",\"ts\":%d,\"features\":[%.3f,%.2f,%.2f]}",
                        key(k),
                        START_MS + t * 1000L,
                        Math.max(0, cpu),
                        Math.max(0, req),
                        Math.max(0, lat));
        return new Sample(json.getBytes(StandardCharsets.UTF_8), anomaly);
    }

    /** The step a timestamp belongs to. */
    static int step(long ts) {
        return (int) ((ts - START_MS) / 1000);
    }
}
