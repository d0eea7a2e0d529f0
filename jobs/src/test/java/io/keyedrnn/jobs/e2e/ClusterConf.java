package io.keyedrnn.jobs.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's configuration directory: {@code config.yaml} from the {@code e2e/config.yaml}
 * template with free ports and directories under the work dir filled in, and the log4j settings.
 */
final class ClusterConf {
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    final Path dir;
    final Path logs;
    final int restPort;

    private ClusterConf(Path dir, Path logs, int restPort) {
        this.dir = dir;
        this.logs = logs;
        this.restPort = restPort;
    }

    /** Writes conf/ (and creates logs/, tmp/, ...) under work. */
    static ClusterConf write(Path work, Map<String, String> settings) throws IOException {
        Path conf = Files.createDirectories(work.resolve("conf"));
        Path logs = Files.createDirectories(work.resolve("logs"));
        Map<String, String> values = new LinkedHashMap<>();
        int rest = freePort();
        values.put("REST_PORT", String.valueOf(rest));
        for (String port :
                new String[] {"JM_RPC_PORT", "BLOB_PORT", "TM_RPC_PORT", "TM_DATA_PORT"}) {
            values.put(port, String.valueOf(freePort()));
        }
        values.put("CHECKPOINT_URI", dir(work, "checkpoints").toUri().toString());
        values.put("TMP_DIR", dir(work, "tmp").toString());
        values.put("UPLOAD_DIR", dir(work, "upload").toString());
        values.put("WEB_TMP_DIR", dir(work, "web").toString());
        String yaml = replace(fill(resource("e2e/config.yaml"), values), settings);
        Files.writeString(conf.resolve("config.yaml"), yaml);
        Files.writeString(
                conf.resolve("log4j.properties"), resource("e2e/log4j-cluster.properties"));
        return new ClusterConf(conf, logs, rest);
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(
                        "e2e/config.yaml: no value for @" + m.group(1) + "@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    /** The template with each setting's line replaced (or added) by the given value. */
    private static String replace(String yaml, Map<String, String> settings) {
        StringBuilder out = new StringBuilder();
        for (String line : yaml.split("\n", -1)) {
            int colon = line.indexOf(':');
            boolean replaced =
                    colon > 0
                            && !line.startsWith("#")
                            && settings.containsKey(line.substring(0, colon));
            if (!replaced) {
                out.append(line).append('\n');
            }
        }
        settings.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private static Path dir(Path work, String name) throws IOException {
        return Files.createDirectories(work.resolve(name)).toAbsolutePath();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClusterConf.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A port free right now on 127.0.0.1 (another process could take it before Flink does). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
