package io.flinkcertify.harness.probe;

import com.sun.net.httpserver.HttpServer;
import io.flinkcertify.harness.rest.FlinkRest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link JobProbe#lastTaskRunningAt()} against a REST API answering in Flink 1.20's shape (the field names of
 * flink-runtime's {@code SubtasksTimesInfo}: {@code subtasks[].timestamps} keyed by execution state, 0 for a state
 * not reached). The real answer is read on real Flink by the integration suite's savepoint move.
 */
class LastTaskRunningTest {

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private JobProbe probe;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = answers.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"errors\":[\"Not found\"]}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        probe = new JobProbe(new FlinkRest(URI.create("http://127.0.0.1:" + server.getAddress().getPort())), "j");
        answers.put("/jobs/j", "{\"jid\":\"j\",\"state\":\"RUNNING\",\"vertices\":[{\"id\":\"src\",\"name\":\"Source: s\"},"
                + "{\"id\":\"sink\",\"name\":\"sink\"}]}");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String times(String vertex, long... running) {
        StringBuilder subtasks = new StringBuilder();
        for (int i = 0; i < running.length; i++) {
            subtasks.append(i == 0 ? "" : ",").append("{\"subtask\":").append(i).append(",\"host\":\"127.0.0.1\",")
                    .append("\"endpoint\":\"127.0.0.1:1\",\"duration\":5,\"timestamps\":{\"CREATED\":100,\"SCHEDULED\":110,")
                    .append("\"DEPLOYING\":120,\"INITIALIZING\":130,\"RUNNING\":").append(running[i])
                    .append(",\"FINISHED\":0,\"CANCELING\":0,\"CANCELED\":0,\"FAILED\":0,\"RECONCILING\":0}}");
        }
        return "{\"id\":\"" + vertex + "\",\"name\":\"" + vertex + "\",\"now\":2000,\"subtasks\":[" + subtasks + "]}";
    }

    @Test
    void theLatestRunningStampOverEverySubtaskOfEveryVertex() {
        answers.put("/jobs/j/vertices/src/subtasktimes", times("src", 1_401));
        answers.put("/jobs/j/vertices/sink/subtasktimes", times("sink", 1_377, 1_485));

        assertEquals(OptionalLong.of(1_485), probe.lastTaskRunningAt());
    }

    @Test
    void aSubtaskThatHasNotReachedRunningLeavesItUnknown() {
        answers.put("/jobs/j/vertices/src/subtasktimes", times("src", 1_401));
        answers.put("/jobs/j/vertices/sink/subtasktimes", times("sink", 1_377, 0));

        assertEquals(OptionalLong.empty(), probe.lastTaskRunningAt());
    }

    @Test
    void anAnswerTheRestApiDoesNotGiveLeavesItUnknown() {
        answers.put("/jobs/j/vertices/src/subtasktimes", times("src", 1_401));

        assertEquals(OptionalLong.empty(), probe.lastTaskRunningAt(), "the sink's times answer 404");
    }
}
