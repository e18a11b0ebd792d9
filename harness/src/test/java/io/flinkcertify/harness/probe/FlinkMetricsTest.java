package io.flinkcertify.harness.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flinkcertify.harness.rest.FlinkRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against responses captured from a real Flink 1.20.1 JobManager (test resources flink-rest/1.20.1), served over HTTP. */
class FlinkMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "4b4d8a089e37a9a7b5dcfa77397ba2cd";
    private static final String SOURCE = "e5a72f353fc1e6bbf3bd96a41384998c";
    private static final String SINK = "5f57a30a9aa37d27603685a59e9c9c3d";

    private HttpServer server;
    private final Map<String, String> answers = new HashMap<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sourceRateLoadAndCheckpointsOfARealJob() throws IOException {
        serveCaptured();
        FlinkMetrics metrics = new FlinkMetrics(rest(), JOB);

        List<FlinkMetrics.Vertex> vertices = metrics.vertices();
        assertEquals(List.of(SOURCE), vertices.stream().filter(FlinkMetrics.Vertex::source).map(FlinkMetrics.Vertex::id).toList());
        assertEquals("Source: sequence-source", vertices.get(0).name());

        FlinkMetrics.ThroughputSample sample = metrics.sample().orElseThrow();
        double sourceSum = sum(captured("vertex-" + SOURCE + "-subtasks-metrics.json"), FlinkMetrics.RECORDS_OUT);
        assertTrue(sourceSum > 0, "the capture has a running source");
        assertEquals(sourceSum, sample.sourceRecordsPerSecond(), 1e-9, "only the source vertex counts, not the sink's output");
        assertEquals(2, sample.vertices().size());
        assertEquals(2, sample.vertices().stream().filter(v -> v.vertexId().equals(SINK)).findFirst().orElseThrow().parallelism());

        FlinkMetrics.CheckpointStats cp = metrics.checkpoints();
        JsonNode raw = captured("checkpoints.json");
        assertEquals(raw.path("counts").path("completed").asLong(), cp.completed());
        assertEquals(raw.path("counts").path("failed").asLong(), cp.failed());
        assertEquals(raw.path("summary").path("end_to_end_duration").path("p99").asDouble(), cp.endToEndMs().p99());
        assertTrue(cp.endToEndMs().p50() <= cp.endToEndMs().p99());
        assertEquals(raw.path("history").size(), cp.history().size());
        FlinkMetrics.Checkpoint completed = cp.history().stream().filter(FlinkMetrics.Checkpoint::completed).findFirst().orElseThrow();
        assertTrue(completed.stateSizeBytes() > 0 && completed.checkpointedSizeBytes() > 0);
        assertEquals(0L, completed.alignmentBufferedBytes(), "1.20 reports alignment; the capture was unaligned-free");
    }

    @Test
    void severalSourcesAreSummedAndBackPressureIsTheWorstSubtask() throws IOException {
        answers.put("/jobs/j", """
                {"jid":"j","vertices":[{"id":"a","name":"Source: a","parallelism":2},{"id":"b","name":"Source: b","parallelism":1},
                {"id":"c","name":"join","parallelism":2}]}""");
        // a plan delivered as a JSON string, as newer Flink versions may; sources are the nodes without inputs
        answers.put("/jobs/j/plan", JSON.writeValueAsString(Map.of("plan",
                "{\"nodes\":[{\"id\":\"c\",\"inputs\":[{\"id\":\"a\"},{\"id\":\"b\"}]},{\"id\":\"a\"},{\"id\":\"b\",\"inputs\":[]}]}")));
        answers.put("/jobs/j/vertices/a/subtasks/metrics", metric(100, 300, 150));
        answers.put("/jobs/j/vertices/b/subtasks/metrics", metric(50, 0, 0));
        answers.put("/jobs/j/vertices/c/subtasks/metrics", metric(140, 800, 400));
        start();
        FlinkMetrics.ThroughputSample s = new FlinkMetrics(rest(), "j").sample().orElseThrow();
        assertEquals(150, s.sourceRecordsPerSecond(), 1e-9);
        assertEquals(0.8, s.maxBackPressureRatio(), 1e-9);
    }

    @Test
    void noSampleWhileTheMetricsAreNotRegistered() throws IOException {
        answers.put("/jobs/j", "{\"jid\":\"j\",\"vertices\":[{\"id\":\"a\",\"name\":\"Source: a\",\"parallelism\":1}]}");
        answers.put("/jobs/j/plan", "{\"plan\":{\"nodes\":[{\"id\":\"a\"}]}}");
        answers.put("/jobs/j/vertices/a/subtasks/metrics", "[]");
        start();
        assertEquals(Optional.empty(), new FlinkMetrics(rest(), "j").sample());
    }

    @Test
    void checkpointFiguresAFlinkVersionDoesNotReportStayNull() {
        FlinkMetrics.CheckpointStats cp = FlinkMetrics.parseCheckpoints(JSON.valueToTree(Map.of(
                "counts", Map.of("completed", 1),
                "summary", Map.of("end_to_end_duration", Map.of("p50", 10, "p99", 20)),
                "history", List.of(Map.of("id", 1, "status", "COMPLETED", "end_to_end_duration", 10, "state_size", 5)))), Instant.EPOCH);
        assertNull(cp.alignmentBufferedBytes());
        assertNull(cp.history().get(0).alignmentBufferedBytes());
        assertEquals(5, cp.history().get(0).checkpointedSizeBytes(), "no checkpointed_size: the full state was written");
        assertEquals(20, cp.endToEndMs().p99());
        assertFalse(cp.history().get(0).savepoint());
    }

    private static String metric(double out, double backPressureMax, double busyMax) throws IOException {
        return JSON.writeValueAsString(List.of(
                Map.of("id", FlinkMetrics.RECORDS_OUT, "sum", out, "max", out, "avg", out),
                Map.of("id", FlinkMetrics.BACK_PRESSURED, "sum", backPressureMax, "max", backPressureMax, "avg", backPressureMax / 2),
                Map.of("id", FlinkMetrics.BUSY, "sum", busyMax, "max", busyMax, "avg", busyMax / 2)));
    }

    private void serveCaptured() throws IOException {
        answers.put("/jobs/" + JOB, text("job.json"));
        answers.put("/jobs/" + JOB + "/plan", text("plan.json"));
        answers.put("/jobs/" + JOB + "/checkpoints", text("checkpoints.json"));
        for (String v : List.of(SOURCE, SINK)) {
            answers.put("/jobs/" + JOB + "/vertices/" + v + "/subtasks/metrics", text("vertex-" + v + "-subtasks-metrics.json"));
        }
        start();
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = answers.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"errors\":[\"not found\"]}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private FlinkRest rest() {
        return new FlinkRest(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    private static double sum(JsonNode aggregates, String id) {
        for (JsonNode m : aggregates) {
            if (m.path("id").asText().equals(id)) {
                return m.path("sum").asDouble();
            }
        }
        throw new AssertionError("no " + id);
    }

    private static JsonNode captured(String name) throws IOException {
        return JSON.readTree(text(name));
    }

    private static String text(String name) throws IOException {
        try (InputStream in = FlinkMetricsTest.class.getResourceAsStream("/flink-rest/1.20.1/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
