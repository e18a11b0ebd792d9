package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corpus's "nothing left" check can see what a case would leave: a child process, a listening port. */
class FootprintTest {

    @Test
    void aListeningSocketOfThisJvmShows() throws Exception {
        Footprint before = Footprint.now();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Footprint during = Footprint.now();
            assertNotEquals(before.listeningSockets(), during.listeningSockets());
            assertTrue(during.listeningSockets().stream().anyMatch(a -> a.endsWith(String.format(":%04X", server.getLocalPort()))),
                    during.listeningSockets().toString());
        }
        assertEquals(before.listeningSockets(), Footprint.now().listeningSockets());
    }

    @Test
    void aChildProcessShows() throws Exception {
        Footprint before = Footprint.now();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(Footprint.now().processes().contains(child.pid()));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(before.processes(), Footprint.now().processes());
    }
}
