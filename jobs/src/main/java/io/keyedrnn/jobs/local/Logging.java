package io.keyedrnn.jobs.local;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Makes log4j use keyed-rnn's own {@code log4j2.xml} (quiet Flink and Kafka, logs on stderr).
 *
 * <p>The Kafka test kit jar, bundled for the embedded broker, carries a {@code log4j2.yaml} that
 * log4j prefers over XML and that logs everything at INFO to stdout; the shaded jar should drop it,
 * and until it does the demo and score commands reapply the XML before they start.
 */
public final class Logging {
    private Logging() {}

    public static void useJarConfig() {
        URL xml = Logging.class.getResource("/log4j2.xml");
        if (xml == null) {
            return;
        }
        // Logger contexts created later (Flink's per-classloader ones) read the property.
        System.setProperty("log4j2.configurationFile", xml.toString());
        try {
            Configurator.reconfigure(xml.toURI());
        } catch (URISyntaxException e) {
            // A jar URL is always a valid URI; nothing to reconfigure otherwise.
        }
    }
}
