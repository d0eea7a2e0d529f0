package io.keyedrnn.jobs.scoring;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line settings of {@link ScoringJob#main}: {@code --config FILE}, {@code --model FILE} (=
 * model.path), and {@code --some-key VALUE} for any setting {@code some.key} (e.g. {@code
 * --bootstrap-servers}, {@code --events-topic}, {@code --dead-letter-topic}); {@code --set k=v} for
 * keys with dashes or pass-throughs ({@code --set kafka.security.protocol=SSL}).
 */
public final class ScoringArgs {
    private ScoringArgs() {}

    public static ScoringJobConfig parse(String[] args) {
        Path config = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--config" -> config = Path.of(v);
                case "--model" -> overrides.put("model.path", v);
                case "--set" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(
                                "--set needs KEY=VALUE, got '" + v + "'");
                    }
                    overrides.put(v.substring(0, eq).trim(), v.substring(eq + 1).trim());
                }
                default -> overrides.put(a.substring(2).replace('-', '.'), v);
            }
        }
        return ScoringJobConfig.load(config, overrides);
    }
}
