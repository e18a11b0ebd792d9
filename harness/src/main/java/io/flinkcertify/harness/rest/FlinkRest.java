package io.flinkcertify.harness.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkcertify.harness.targets.JobSubmission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Flink's REST API as the harness uses it, with the JDK HTTP client and no Flink classes: the same client
 * works against any Flink version and any target (process, YARN proxy, Kubernetes service).
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<URI> endpoint;
    /** How long a looked-up address is used before it is looked up again (sooner when a call cannot reach it). */
    static final Duration LOOKUP_KEPT = Duration.ofSeconds(2);
    private volatile URI resolved;
    private volatile long resolvedAtNanos;
    private final HttpClient http;
    private final Map<Path, String> uploadedJars = new ConcurrentHashMap<>();

    public FlinkRest(URI endpoint) {
        this(() -> endpoint);
    }

    /**
     * A REST API whose address is looked up: a Kubernetes JobManager moves to a new pod address when HA replaces it,
     * as the rest Service would follow it. A lookup that fails counts as unreachable. The address found is kept for
     * {@link #LOOKUP_KEPT} and forgotten at once when a call cannot reach it: a lookup per call (a pod list through the
     * API server) made every poll of a Kubernetes target slower than the same poll elsewhere, and with it every
     * submit -> RUNNING it measured (a savepoint restore: 2.8 s against YARN's 1.6 s, of which the JobManager's own
     * log accounts for 1.3 s against 0.7 s).
     */
    public FlinkRest(Supplier<URI> endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI endpoint() {
        return endpoint.get();
    }

    public boolean reachable() {
        try {
            get("/overview");
            return true;
        } catch (RestException e) {
            return false;
        }
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    public JsonNode patch(String path) {
        return send(request(path).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Uploads the jar (once per jar and JobManager) and runs its entry class; returns the job id. */
    public String submitJar(JobSubmission submission) {
        String jarId = uploadedJars.computeIfAbsent(submission.jar(), this::upload);
        if (!uploaded(jarId)) {
            // a JobManager that took over after a failover has an upload folder of its own: the earlier upload is
            // not there (measured: POST /jars/<id>/run answered 500 after a Kubernetes JobManager failover)
            jarId = upload(submission.jar());
            uploadedJars.put(submission.jar(), jarId);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", submission.entryClass());
        body.set("programArgsList", JSON.valueToTree(submission.args()));
        body.put("parallelism", submission.parallelism());
        if (submission.savepointPath() != null) {
            body.put("savepointPath", submission.savepointPath());
            body.put("allowNonRestoredState", false);
        }
        JsonNode answer = post("/jars/" + jarId + "/run", body);
        return answer.path("jobid").asText();
    }

    private boolean uploaded(String jarId) {
        for (JsonNode file : get("/jars").path("files")) {
            if (jarId.equals(file.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private String upload(Path jar) {
        String boundary = "----flink-certify-" + UUID.randomUUID();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                    + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(Files.readAllBytes(jar));
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            JsonNode answer = send(request("/jars/upload")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
            String filename = answer.path("filename").asText();
            return filename.substring(filename.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new RestException("cannot read job jar " + jar + ": " + e.getMessage(), -1, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base().resolve(path)).timeout(CALL_TIMEOUT);
    }

    private URI base() {
        URI base = resolved;
        if (base != null && System.nanoTime() - resolvedAtNanos < LOOKUP_KEPT.toNanos()) {
            return base;
        }
        try {
            base = endpoint.get();
        } catch (RuntimeException e) {
            resolved = null;
            throw new RestException("no JobManager REST endpoint: " + e.getMessage(), -1, e);
        }
        resolvedAtNanos = System.nanoTime();
        resolved = base;
        return base;
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new RestException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + errors(response.body()), response.statusCode(), null);
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            resolved = null; // the JobManager may have moved: the next call looks it up again
            throw new RestException(request.method() + " " + request.uri() + " failed: " + e, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestException("interrupted calling " + request.uri(), -1, e);
        }
    }

    // Flink answers {"errors": ["...", "<stack trace>"]}; the first line is the useful part
    private static String errors(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode e : errors) {
                    sb.append(e.asText().lines().findFirst().orElse("")).append(" | ");
                }
                return sb.substring(0, Math.min(sb.length(), 2000));
            }
        } catch (IOException ignored) {
            // not JSON: fall through to the raw body
        }
        return body.length() > 500 ? body.substring(0, 500) : body;
    }

    private static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
