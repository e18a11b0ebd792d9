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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JobManager whose REST API answers record counters the way Flink's metric fetcher does: from its store, which
 * a request refreshes only afterwards (asynchronously, at most once per update interval), so an answer holds the
 * counters of the previous fetch. The source writes 10,000 records/s from the server's start.
 */
class JobProbeFreshnessTest {

    private static final double RATE = 10_000;
    private static final long UPDATE_INTERVAL_MS = 1_000;
    private static final long FETCH_LATENCY_MS = 40;

    private HttpServer server;
    private ScheduledExecutorService fetcher;
    private long startedAt;
    private volatile long stored;
    private long lastFetch;

    @BeforeEach
    void start() throws IOException {
        fetcher = Executors.newSingleThreadScheduledExecutor();
        startedAt = System.currentTimeMillis();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/jobs/j")) {
                body = "{\"jid\":\"j\",\"state\":\"RUNNING\",\"vertices\":[{\"name\":\"Source: s\",\"status\":\"RUNNING\","
                        + "\"parallelism\":1,\"tasks\":{\"RUNNING\":1},\"metrics\":{\"read-records\":0,\"write-records\":"
                        + stored + "}}]}";
                fetch();
            } else {
                body = "[]";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The fetcher's update: started by a request, landing a little later with the counter as it was then. */
    private synchronized void fetch() {
        long now = System.currentTimeMillis();
        if (now - lastFetch > UPDATE_INTERVAL_MS) {
            lastFetch = now;
            long counter = counterAt(now);
            fetcher.schedule(() -> stored = counter, FETCH_LATENCY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private long counterAt(long millis) {
        return Math.round((millis - startedAt) * RATE / 1000.0);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        fetcher.shutdownNow();
    }

    @Test
    void aFreshSnapshotHoldsTheCountersOfTheTimeItIsStampedWith() throws Exception {
        JobProbe probe = new JobProbe(new FlinkRest(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")), "j");
        probe.snapshot();
        Thread.sleep(2_000);
        JobSnapshot plain = probe.snapshot();
        long plainLagMs = lagMs(plain);
        // the plain poll reads the counters of the fetch its predecessor started 2 s earlier
        assertTrue(plainLagMs > 1_500, "a plain poll after a 2 s pause is that far behind: " + plainLagMs + " ms");

        Thread.sleep(2_000);
        JobSnapshot fresh = probe.freshSnapshot();
        long freshLagMs = lagMs(fresh);
        // what remains is the request's own time to reach the handler: within 0.1 s, 1 % of a 10 s window
        assertTrue(Math.abs(freshLagMs) < 100, "a fresh poll's counter matches its stamp: " + freshLagMs + " ms apart");

        // right after a quick poll (a wait's, 250 ms apart) a request starts no fetch: the fresh poll waits it out
        Thread.sleep(1_200);
        probe.snapshot();
        Thread.sleep(250);
        long afterQuickPollMs = lagMs(probe.freshSnapshot());
        assertTrue(Math.abs(afterQuickPollMs) < 100, "fresh right after another poll too: " + afterQuickPollMs + " ms apart");
    }

    /** How far the snapshot's source counter is behind the counter at the snapshot's stamp, in ms of the rate. */
    private long lagMs(JobSnapshot s) {
        long expected = counterAt(s.polledAtMillis());
        return Math.round((expected - s.vertices().get(0).recordsOut()) * 1000.0 / RATE);
    }
}
