package io.keyedrnn.jobs.local;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Points log4j at keyed-rnn's own {@code log4j2.xml}: library logs go to a log file, and to the
 * console only when verbose, so a good run shows keyed-rnn's own lines alone.
 *
 * <p>The Kafka test kit jar, bundled for the embedded broker, carries a {@code log4j2.yaml} that
 * log4j prefers over XML and that logs everything at INFO to stdout; the XML is applied explicitly.
 */
public final class Logging {
    private Logging() {}

    /**
     * Sends library logs to {@code <tmp>/keyed-rnn/<command>.log} (or {@code
     * -Dkeyed.rnn.log.file}), and also to stderr when verbose; returns the log file.
     */
    public static Path configure(String command, boolean verbose) {
        String file = System.getProperty("keyed.rnn.log.file");
        if (file == null || file.isBlank()) {
            file =
                    Path.of(System.getProperty("java.io.tmpdir"), "keyed-rnn", command + ".log")
                            .toString();
            System.setProperty("keyed.rnn.log.file", file);
        }
        if (verbose) {
            System.setProperty("keyed.rnn.console.level", "INFO");
        }
        useJarConfig();
        return Path.of(file);
    }

    public static void useJarConfig() {
        URL xml = Logging.class.getResource("/log4j2.xml");
        if (xml == null) {
            return;
        }
        // Logger contexts created later (Flink's per-classloader ones) read the property.
        System.setProperty("log4j2.configurationFile", xml.toString());
        // log4j's own status lines (e.g. Flink's messages with a surplus argument) stay off the
        // console.
        System.setProperty("log4j2.statusLoggerLevel", "ERROR");
        try {
            Configurator.reconfigure(xml.toURI());
        } catch (URISyntaxException e) {
            // A jar URL is always a valid URI; nothing to reconfigure otherwise.
        }
    }
}
