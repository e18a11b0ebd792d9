package io.flinkcertify.harness.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
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
}
