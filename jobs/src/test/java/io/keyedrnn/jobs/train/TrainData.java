package io.keyedrnn.jobs.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Synthetic event streams for the training tests. */
public final class TrainData {
    static final long T0 = 1_700_000_000_000L;

    private TrainData() {}

    /** One numeric event line: two noisy sinusoids per key, phase by key. */
    static String sine(int key, int t, Random noise) {
        double a = Math.sin(0.3 * t + key) + 0.05 * noise.nextGaussian();
        double b = 2 * Math.cos(0.3 * t + key) + 3 + 0.05 * noise.nextGaussian();
        return String.format(
                Locale.ROOT,
                "{\"key\":\"k%d\",\"ts\":%d,\"features\":[%.5f,%.5f]}",
                key,
                T0 + t * 1000L,
                a,
                b);
    }

    /** Steps [from, to) of the given keys, interleaved by step. */
    static List<String> sines(int keys, int from, int to, long seed) {
        Random noise = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int k = 0; k < keys; k++) {
                lines.add(sine(k, t, noise));
            }
        }
        return lines;
    }

    /** Token lines: each key cycles through A B C D, with a random token 5% of the time. */
    static List<String> tokens(int keys, int steps, long seed) {
        Random r = new Random(seed);
        String[] cycle = {"A", "B", "C", "D"};
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < keys; k++) {
                String tok = r.nextDouble() < 0.05 ? "R" + r.nextInt(40) : cycle[(t + k) % 4];
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "{\"key\":\"s%d\",\"ts\":%d,\"token\":\"%s\"}",
                                k,
                                T0 + t * 1000L,
                                tok));
            }
        }
        return lines;
    }

    public static Path write(Path dir, String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }
}
