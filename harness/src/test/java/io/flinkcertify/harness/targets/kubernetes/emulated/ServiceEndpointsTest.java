package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceEndpointsTest {

    private static final Map<String, String> JOBMANAGER = Map.of("app", "c1", "component", "jobmanager");
    private static final Map<String, String> TASKMANAGER = Map.of("app", "c1", "component", "taskmanager");

    private static Service service(String namespace, String name, Map<String, String> selector) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withSelector(selector).endSpec().build();
    }

    /** Every pod is alive at an address derived from its name, except those named "dead-*". */
    private static Optional<String> live(String uid) {
        return uid.startsWith("dead-") ? Optional.empty() : Optional.of("127.20.0." + uid.length());
    }

    @Test
    void aServiceResolvesToTheLivePodsItsSelectorMatchesSorted() {
        List<Pod> pods = List.of(TestPods.pod("jm-longer", JOBMANAGER).build(), TestPods.pod("jm", JOBMANAGER).build(),
                TestPods.pod("dead-jm", JOBMANAGER).build(), TestPods.pod("tm", TASKMANAGER).build());
        Map<String, List<String>> endpoints = ServiceEndpoints.in("ns", pods,
                List.of(service("ns", "c1-rest", JOBMANAGER), service("ns", "c1", Map.of("app", "c1"))),
                ServiceEndpointsTest::live);
        assertEquals(List.of("127.20.0.13", "127.20.0.6"), endpoints.get("c1-rest"));
        assertEquals(List.of("127.20.0.13", "127.20.0.6", "127.20.0.6"), endpoints.get("c1"));
    }

    @Test
    void servicesAndPodsOfOtherNamespacesAreLeftOut() {
        List<Pod> pods = List.of(TestPods.pod("jm", JOBMANAGER).build());
        Map<String, List<String>> endpoints = ServiceEndpoints.in("other", pods,
                List.of(service("other", "c1-rest", JOBMANAGER), service("ns", "c1-rest-ns", JOBMANAGER)),
                ServiceEndpointsTest::live);
        assertEquals(Map.of("c1-rest", List.of()), endpoints);
        assertEquals(Map.of("c1-rest-ns", List.of("127.20.0.6")),
                ServiceEndpoints.in("ns", pods, List.of(service("ns", "c1-rest-ns", JOBMANAGER)),
                        ServiceEndpointsTest::live));
    }
}
