package io.keyedrnn.jobs.scoring;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Masks secret setting values (passwords, SASL JAAS configs, keys) before anything logs them. */
public final class Secrets {
    private static final Pattern SECRET =
            Pattern.compile(
                    "password|secret|jaas|credential|private|token|ssl\\.key\\.|ssl\\.keystore\\.key");

    /** What a masked value reads as. */
    public static final String MASK = "******";

    private Secrets() {}

    /** Whether a setting's value must not be logged. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return !k.startsWith("fields.") && SECRET.matcher(k).find();
    }

    public static Map<String, String> mask(Map<String, String> settings) {
        Map<String, String> m = new TreeMap<>();
        settings.forEach((k, v) -> m.put(k, isSecret(k) ? MASK : v));
        return m;
    }
}
