package io.flinkcertify.harness.targets.kubernetes.emulated;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostsFileTest {

    @Test
    void thePodResolvesItselfUnderLocalhostItsNameAndTheMachineHostname() {
        String hosts = HostsFile.render("127.20.0.7", "jm-abc", "buildbox", "ns", Map.of());
        assertTrue(hosts.contains("127.20.0.7 localhost\n"), hosts);
        assertTrue(hosts.contains("127.20.0.7 jm-abc\n"), hosts);
        assertTrue(hosts.contains("127.20.0.7 buildbox\n"), hosts);
    }

    @Test
    void servicesResolveToTheirPodsUnderEveryClusterDnsName() {
        String hosts = HostsFile.render("127.20.0.9", "tm-1", "buildbox", "ns",
                Map.of("flink-rest", List.of("127.20.0.7"), "headless", List.of("127.20.0.7", "127.20.0.8")));
        assertTrue(hosts.contains("127.20.0.7 flink-rest flink-rest.ns flink-rest.ns.svc flink-rest.ns.svc.cluster.local\n"), hosts);
        assertEquals(2, hosts.lines().filter(l -> l.endsWith(" headless.ns.svc.cluster.local")).count(), hosts);
    }

    @Test
    void aServiceWithoutReadyPodsResolvesToNothing() {
        String hosts = HostsFile.render("127.20.0.9", "tm-1", "buildbox", "ns", Map.of("flink-rest", List.of()));
        assertFalse(hosts.contains("flink-rest"), hosts);
    }

    @Test
    void podAddressesAreDistinctLoopbackAddressesAvoidingZeroAndBroadcast() {
        PodAddresses addresses = new PodAddresses(200);
        assertEquals("127.200.0.1", addresses.address(0));
        assertEquals("127.200.0.253", addresses.address(252));
        assertEquals("127.200.1.1", addresses.address(253));
        String a = addresses.allocate();
        String b = addresses.allocate();
        assertFalse(a.equals(b));
        assertTrue(a.startsWith("127.200."), a);
    }
}
