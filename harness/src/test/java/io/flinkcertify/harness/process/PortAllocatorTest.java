package io.flinkcertify.harness.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortAllocatorTest {

    @Test
    void portsAreDistinctAndInRange() {
        PortAllocator allocator = new PortAllocator();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = allocator.next();
            assertTrue(port >= 1024 && port <= 65535, "port out of range: " + port);
            assertTrue(seen.add(port), "port handed out twice: " + port);
        }
        assertEquals(200, seen.size());
    }

    @Test
    void sharedAllocatorIsASingleton() {
        assertSame(PortAllocator.shared(), PortAllocator.shared());
    }

    @Test
    void allocatedPortIsFreeUntilSomethingBindsIt() throws IOException {
        int port = new PortAllocator().next();
        assertTrue(PortAllocator.isFree(port), "allocated but not yet bound: should be free");

        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertFalse(PortAllocator.isFree(port), "a ServerSocket holds it: must not be free");
        }
        assertTrue(PortAllocator.isFree(port), "released again after close");
    }

    /** A port another live harness JVM claimed is skipped; one claimed by a JVM that is gone is taken. */
    @Test
    void portsClaimedByAnotherLiveJvmAreSkippedAndDeadClaimsIgnored(@TempDir Path claims) throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            Files.createFile(claims.resolve("40001." + other.pid()));
            Files.createFile(claims.resolve("40002." + gone.pid()));
            Iterator<Integer> probes = List.of(40001, 40002, 40003).iterator();
            PortAllocator allocator = new PortAllocator(claims, ProcessHandle.current().pid(), probes::next);
            assertEquals(40002, allocator.next(), "40001 is the other JVM's, 40002's claimant is gone");
            assertTrue(Files.exists(claims.resolve("40002." + ProcessHandle.current().pid())));
            assertFalse(Files.exists(claims.resolve("40002." + gone.pid())), "a dead JVM's claim is removed");
            assertTrue(Files.exists(claims.resolve("40001." + other.pid())), "a live JVM's claim stays");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    /** Two JVMs' allocators on one claims folder never hand out the same port, even when the kernel offers it. */
    @Test
    void twoJvmsOnOneFolderNeverShareAPort(@TempDir Path claims) throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Iterator<Integer> a = List.of(41000, 41001, 41002).iterator();
            Iterator<Integer> b = List.of(41000, 41001, 41003).iterator();
            PortAllocator mine = new PortAllocator(claims, ProcessHandle.current().pid(), a::next);
            PortAllocator theirs = new PortAllocator(claims, other.pid(), b::next);
            Set<Integer> taken = new HashSet<>(List.of(mine.next(), mine.next()));
            int theirPort = theirs.next();
            assertEquals(Set.of(41000, 41001), taken);
            assertEquals(41003, theirPort);
            mine.releaseAll();
            assertFalse(Files.exists(claims.resolve("41000." + ProcessHandle.current().pid())), "released at exit");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
