package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Free loopback ports, never fixed ones: other Flink processes may be running on the machine. The kernel picks
 * the port; the allocator also remembers what it handed out so two components of one run never get the same
 * port between "allocated" and "bound by the Flink process". Harness JVMs running side by side ({@code --parallel}
 * lanes, CI jobs on one host) see each other's handed-out ports too: each port is claimed with a file
 * {@code <port>.<pid>} in a machine-wide folder, and a port that a live JVM claimed is skipped. Claims of dead JVMs
 * are ignored and removed; a JVM removes its own at exit.
 */
public final class PortAllocator {

    private static final Path CLAIMS = Path.of(System.getProperty("java.io.tmpdir"), "flink-certify", "ports");
    private static final PortAllocator SHARED = new PortAllocator();

    private final Set<Integer> handedOut = new HashSet<>();
    private final Path claims;
    private final long pid;
    private final IntSupplier probe;
    private final List<Path> claimed = new ArrayList<>();
    private boolean cleanupHooked;

    public PortAllocator() {
        this(CLAIMS, ProcessHandle.current().pid(), PortAllocator::probe);
    }

    /** {@code pid}: the JVM the claims are made for; {@code probe}: a port the kernel says is free now. */
    PortAllocator(Path claims, long pid, IntSupplier probe) {
        this.claims = claims;
        this.pid = pid;
        this.probe = probe;
    }

    public static PortAllocator shared() {
        return SHARED;
    }

    public synchronized int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = probe.getAsInt();
            if (!handedOut.contains(port) && claim(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 50 attempts");
    }

    /**
     * Claims the port for this JVM unless another live one has: writes this JVM's claim first, then looks for
     * others, so of two JVMs claiming at once at least one sees the other (both may back off; neither takes it).
     */
    private boolean claim(int port) {
        try {
            Files.createDirectories(claims);
            Path mine = claims.resolve(port + "." + pid);
            Files.write(mine, new byte[0]);
            try (DirectoryStream<Path> all = Files.newDirectoryStream(claims, port + ".*")) {
                for (Path other : all) {
                    if (other.equals(mine)) {
                        continue;
                    }
                    if (alive(other.getFileName().toString().substring(Integer.toString(port).length() + 1))) {
                        Files.deleteIfExists(mine);
                        return false;
                    }
                    Files.deleteIfExists(other); // a dead JVM's claim
                }
            }
            remember(mine);
            return true;
        } catch (IOException e) {
            // no shared folder (read-only tmp): the kernel's choice and this JVM's memory still hold
            return true;
        }
    }

    private static boolean alive(String pidText) {
        try {
            return ProcessHandle.of(Long.parseLong(pidText)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void remember(Path claim) {
        claimed.add(claim);
        if (!cleanupHooked && pid == ProcessHandle.current().pid()) {
            cleanupHooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::releaseAll, "flink-certify-port-claims"));
        }
    }

    /** Removes this JVM's claims (at exit; the ports are its processes' until they are gone). */
    synchronized void releaseAll() {
        for (Path claim : claimed) {
            try {
                Files.deleteIfExists(claim);
            } catch (IOException e) {
                // another JVM removes it once this one is dead
            }
        }
        claimed.clear();
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
