package io.keyedrnn.jobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The embedded Flink of score, demo and train listens on loopback only, unless told otherwise. */
class LocalFlinkBindITCase {
    @Test
    void everySocketTheMiniClusterOpensIsOnLoopback() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc");
        Set<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        try (LocalFlink flink = LocalFlink.start(1, 1, new Configuration())) {
            Set<InetSocketAddress> opened = new HashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertFalse(opened.isEmpty(), "the cluster listens somewhere");
            for (InetSocketAddress a : opened) {
                assertTrue(a.getAddress().isLoopbackAddress(), "listens on " + a + ": " + opened);
            }
            URI rest = flink.restAddress();
            assertEquals("127.0.0.1", rest.getHost());
            assertTrue(opened.stream().anyMatch(a -> a.getPort() == rest.getPort()), rest + "");
            assertEquals(
                    "Flink web UI and REST API at " + rest + " (this machine only)",
                    flink.endpoints(),
                    "flink-runtime-web is on the test class path");
        }
    }

    @Test
    void aBindAddressGivenInTheConfigurationWins() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux /proc");
        Configuration c = new Configuration();
        c.setString("rest.bind-address", "0.0.0.0");
        Set<InetSocketAddress> before = ListeningSockets.ofThisProcess();
        try (LocalFlink flink = LocalFlink.start(1, 1, c)) {
            int port = flink.restAddress().getPort();
            Set<InetSocketAddress> opened = new HashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            assertTrue(
                    opened.stream()
                            .anyMatch(
                                    a -> a.getPort() == port && a.getAddress().isAnyLocalAddress()),
                    opened.toString());
        }
    }
}
