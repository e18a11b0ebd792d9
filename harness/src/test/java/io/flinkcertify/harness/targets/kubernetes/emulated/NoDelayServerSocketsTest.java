package io.flinkcertify.harness.targets.kubernetes.emulated;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoDelayServerSocketsTest {

    @Test
    void acceptedConnectionsSendWithoutWaitingForAcks() throws Exception {
        try (ServerSocket server = new NoDelayServerSockets().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                assertTrue(accepted.getTcpNoDelay(), "the server's side of the connection has Nagle off");
            }
        }
    }

    @Test
    void aPlainServerSocketDoesNot() throws Exception {
        // what the mock used before: the kernel's default, Nagle on (so the check above can fail)
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                assertFalse(accepted.getTcpNoDelay());
            }
        }
    }
}
