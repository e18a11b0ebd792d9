package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports, never fixed ones: other Flink processes may be running on the machine. The kernel picks
 * the port; the allocator also remembers what it handed out so two components of one run never get the same
 * port between "allocated" and "bound by the Flink process".
 */
public final class PortAllocator {

    private static final PortAllocator SHARED = new PortAllocator();
    private final Set<Integer> handedOut = new HashSet<>();

    public static PortAllocator shared() {
        return SHARED;
    }

    public synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = probe();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 50 attempts");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /** True if nothing listens on the loopback port (used to prove teardown released it). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
