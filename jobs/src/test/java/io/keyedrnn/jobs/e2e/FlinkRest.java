package io.keyedrnn.jobs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The few calls of Flink's REST API the end-to-end test makes, as a user's tooling would. */
final class FlinkRest {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    FlinkRest(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** GET path as JSON; throws naming the path on a refused connection or an error status. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return call(request(path).GET(), path);
    }

    /** POST /jars/upload (multipart, field "jarfile"); returns the jar id for /jars/ID/run. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "keyed-rnn-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher body =
                BodyPublishers.concat(
                        BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        BodyPublishers.ofFile(jar),
                        BodyPublishers.ofString(tail, StandardCharsets.UTF_8));
        HttpRequest.Builder r =
                request("/jars/upload")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body);
        JsonNode answer = call(r, "/jars/upload");
        String file = answer.path("filename").asText("");
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new IllegalStateException("jar upload of " + jar + " not accepted: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /** POST /jars/ID/run: runs main() in the JobManager (detached); returns the job id. */
    String runJar(String jarId, String entryClass, List<String> args, int parallelism)
            throws IOException, InterruptedException {
        ObjectNode req = json.createObjectNode();
        req.put("entryClass", entryClass);
        req.put("parallelism", parallelism);
        var list = req.putArray("programArgsList");
        args.forEach(list::add);
        String path = "/jars/" + jarId + "/run";
        JsonNode answer =
                call(
                        request(path)
                                .header("Content-Type", "application/json")
                                .POST(BodyPublishers.ofString(json.writeValueAsString(req))),
                        path);
        String job = answer.path("jobid").asText("");
        if (job.isEmpty()) {
            throw new IllegalStateException("no jobid in the answer of " + path + ": " + answer);
        }
        return job;
    }

    /** The job's state (RUNNING, FAILED, CANCELED, ...). */
    String jobState(String job) throws IOException, InterruptedException {
        return get("/jobs/" + job).path("state").asText("?");
    }

    /** The job's root exception, or "" when it has none. */
    String rootException(String job) throws IOException, InterruptedException {
        return get("/jobs/" + job + "/exceptions").path("root-exception").asText("");
    }

    /** PATCH /jobs/ID?mode=cancel. */
    void cancel(String job) throws IOException, InterruptedException {
        String path = "/jobs/" + job + "?mode=cancel";
        call(request(path).method("PATCH", BodyPublishers.noBody()), path);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT);
    }

    private JsonNode call(HttpRequest.Builder r, String path)
            throws IOException, InterruptedException {
        var response = http.send(r.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = response.body();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    base + path + " answered HTTP " + response.statusCode() + ": " + body);
        }
        return body.isBlank() ? json.createObjectNode() : json.readTree(body);
    }
}
