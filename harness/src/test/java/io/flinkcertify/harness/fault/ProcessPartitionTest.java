package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.process.PortAllocator;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real iptables on real processes: an open connection between two processes is cut in both directions while
 * others reach the same server, and heals when the injection closes, leaving no rule or group behind. Skipped with
 * the reason where the machine cannot write rules (not root, no iptables: scripts/setup installs it).
 */
class ProcessPartitionTest {

    private static final Fault PARTITION = Fault.of(FaultKind.PARTITION, Role.TASKMANAGER, Duration.ofSeconds(3));

    private final List<Process> processes = new ArrayList<>();
    private final List<String> pings = Collections.synchronizedList(new ArrayList<>());
    private Process server;
    private Process client;
    private int port;

    @BeforeEach
    void twoProcessesTalking() throws Exception {
        assumeTrue(ProcessPartition.unavailable().isEmpty(), () -> "partitions unavailable: " + ProcessPartition.unavailable().get());
        port = PortAllocator.shared().next();
        server = start("serve");
        assertEquals("listening", new BufferedReader(new InputStreamReader(server.getInputStream())).readLine());
        client = start("ping");
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(client.getInputStream())).lines().forEach(pings::add));
        reader.setDaemon(true);
        reader.start();
        awaitPings("ok", 3);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void anOpenConnectionIsCutBothWaysOnlyBetweenThePairAndHealsOnRevert() throws Exception {
        Instance victim = new Instance(Role.TASKMANAGER, "client", client.pid(), "127.0.0.1");
        Instance peer = new Instance(Role.JOBMANAGER, "server", server.pid(), "127.0.0.1");
        Injection partition = ProcessPartition.between(PARTITION, victim, peer);
        String chain;
        try (partition) {
            chain = String.valueOf(partition.evidence().get("iptablesChain"));
            assertTrue(iptablesRules().contains(chain), "chain installed: " + chain);
            pings.clear();
            awaitPings("timeout", 3);
            // a third party still reaches the server: only the pair is cut
            try (Socket other = new Socket(InetAddress.getLoopbackAddress(), port)) {
                other.setSoTimeout(2000);
                other.getOutputStream().write(7);
                assertEquals(7, other.getInputStream().read());
            }
        }
        pings.clear();
        awaitPings("ok", 3);
        assertTrue(((Number) partition.evidence().get("packetsDropped")).longValue() > 0, partition.evidence().toString());
        assertFalse(iptablesRules().contains(chain), "no rule left");
        try (var groups = Files.list(io.flinkcertify.harness.process.SocketTags.hierarchy().orElseThrow())) {
            assertTrue(groups.noneMatch(g -> g.getFileName().toString().startsWith("flink-certify-")), "no socket tag group left");
        }
    }

    private Process start(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PartitionPeer.class.getName(),
                mode, Integer.toString(port)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    private void awaitPings(String outcome, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (pings) {
                if (pings.stream().filter(outcome::equals).count() >= count) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " x " + outcome + ", saw " + pings);
    }

    private static String iptablesRules() throws Exception {
        Process p = new ProcessBuilder("iptables", "-w", "-S").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
