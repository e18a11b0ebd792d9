package io.flinkcertify.harness.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flinkcertify.harness.targets.JobSubmission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jar submission against a JobManager REST endpoint that forgets its uploads, as a failed-over JobManager does. */
class FlinkRestJarTest {

    private HttpServer server;
    /** The jars the "JobManager" holds now; cleared to stand for a new leader with its own upload folder. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new ArrayList<>();
    private int uploads;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (calls) {
                calls.add(exchange.getRequestMethod() + " " + path);
            }
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/jars/upload")) {
                String id = "jar-" + (++uploads) + "_job.jar";
                held.add(id);
                answer(exchange, 200, "{\"filename\": \"/tmp/x/" + id + "\", \"status\": \"success\"}");
            } else if (path.equals("/jars")) {
                answer(exchange, 200, "{\"files\": [" + String.join(",", held.stream().map(id -> "{\"id\": \"" + id + "\"}").toList()) + "]}");
            } else if (path.startsWith("/jars/") && path.endsWith("/run")) {
                String id = path.substring("/jars/".length(), path.length() - "/run".length());
                if (held.contains(id)) {
                    answer(exchange, 200, "{\"jobid\": \"job-of-" + id + "\"}");
                } else {
                    answer(exchange, 500, "{\"errors\": [\"Internal server error.\"]}");
                }
            } else {
                answer(exchange, 404, "{}");
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aJarIsUploadedOncePerJobManagerAndAgainAfterAFailover(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("job.jar"), new byte[] {1, 2, 3});
        FlinkRest rest = new FlinkRest(start());
        JobSubmission submission = new JobSubmission(jar, "Main", List.of(), 1, null);

        assertEquals("job-of-jar-1_job.jar", rest.submitJar(submission));
        assertEquals("job-of-jar-1_job.jar", rest.submitJar(submission), "the same JobManager: no second upload");
        assertEquals(1, uploads);

        held.clear(); // a new leader: its upload folder is empty
        assertEquals("job-of-jar-2_job.jar", rest.submitJar(submission), "uploaded again, not run by a stale id");
        assertEquals(2, uploads);
    }
}
