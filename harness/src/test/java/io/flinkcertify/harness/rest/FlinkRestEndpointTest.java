package io.flinkcertify.harness.rest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A JobManager whose address is looked up (a Kubernetes pod's), moving to a new address as HA replaces it. */
class FlinkRestEndpointTest {

    private HttpServer first;
    private HttpServer second;

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {first, second}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    private static HttpServer jobManager(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"name\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI address(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void theAddressIsLookedUpOnceForManyCallsAndAgainWhenTheJobManagerMoves() throws IOException {
        first = jobManager("first");
        AtomicReference<URI> where = new AtomicReference<>(address(first));
        AtomicInteger lookups = new AtomicInteger();
        FlinkRest rest = new FlinkRest(() -> {
            lookups.incrementAndGet();
            return where.get();
        });

        for (int i = 0; i < 20; i++) {
            assertEquals("first", rest.get("/overview").path("name").asText());
        }
        assertEquals(1, lookups.get(), "20 polls within the lookup's lifetime ask where the JobManager is once");

        // failover: the old JobManager is gone, a new one answers elsewhere
        first.stop(0);
        second = jobManager("second");
        where.set(address(second));
        assertThrows(RestException.class, () -> rest.get("/overview"), "the call that meets the dead address fails");
        assertEquals("second", rest.get("/overview").path("name").asText(), "the next call finds the new JobManager");
        assertEquals(2, lookups.get());
    }
}
