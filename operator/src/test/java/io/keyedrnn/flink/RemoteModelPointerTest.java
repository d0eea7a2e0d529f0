package io.keyedrnn.flink;

import static io.keyedrnn.flink.ModelRecordReaderTest.pointer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * http(s) pointers: a model is fetched and checked; every failure reads "unreachable" and nothing
 * more, so a pointer cannot tell a closed port from an open one or a 404 from a 500.
 */
class RemoteModelPointerTest {
    private HttpServer server;
    private byte[] file;
    private final ModelPointerPolicy http = ModelPointerPolicy.of("http", null);

    @BeforeEach
    void serve() throws Exception {
        file = TestModels.bytes(TestModels.lstm(2, 3, 1, 1));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/m.safetensors",
                x -> {
                    x.sendResponseHeaders(200, file.length);
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(file);
                    }
                });
        server.createContext(
                "/broken",
                x -> {
                    x.sendResponseHeaders(500, -1);
                    x.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private String refusedMessage(String uri) {
        ModelRejected e =
                assertThrows(
                        ModelRejected.class,
                        () ->
                                ModelRecordReader.fileBytes(
                                        pointer(uri, ModelRecordReader.sha256(file)),
                                        1 << 20,
                                        http));
        assertEquals(JobReason.MODEL_UNAVAILABLE, e.reason);
        return e.getMessage();
    }

    @Test
    void aServedModelIsFetched() throws Exception {
        byte[] got =
                ModelRecordReader.fileBytes(
                        pointer(url("/m.safetensors"), ModelRecordReader.sha256(file)),
                        1 << 20,
                        http);
        assertArrayEquals(file, got);
    }

    @Test
    void closedPortsOpenPortsAndErrorStatusesAllReadUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String closedUri = "http://127.0.0.1:" + closed + "/x";
        assertEquals("model pointer " + closedUri + ": unreachable", refusedMessage(closedUri));
        assertEquals(
                "model pointer " + url("/missing") + ": unreachable",
                refusedMessage(url("/missing")));
        assertEquals(
                "model pointer " + url("/broken") + ": unreachable",
                refusedMessage(url("/broken")));
    }

    @Test
    void httpsOnlyByDefault() {
        ModelRejected e =
                assertThrows(
                        ModelRejected.class,
                        () ->
                                ModelRecordReader.fileBytes(
                                        pointer(url("/m.safetensors"), "0".repeat(64)), 1 << 20));
        assertEquals(JobReason.MODEL_INVALID, e.reason);
    }
}
