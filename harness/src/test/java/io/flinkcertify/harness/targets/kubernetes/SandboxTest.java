package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.targets.TargetException;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kubeconfig target's guard, against fabric8's mock API server: what it refuses to touch, and why. */
class SandboxTest {

    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private static final String RUN = RunId.current().value();

    @BeforeAll
    static void apiServer() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        client.pods().inNamespace("team-a").resource(pod("ours", Map.of(Sandbox.RUN_LABEL, RUN))).create();
        client.pods().inNamespace("team-a").resource(pod("theirs", Map.of("app", "payments"))).create();
        client.pods().inNamespace("team-a").resource(pod("other-run", Map.of(Sandbox.RUN_LABEL, "fc-someone-else"))).create();
        client.pods().inNamespace("prod").resource(pod("prod-ours", Map.of(Sandbox.RUN_LABEL, RUN))).create();
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("fc-x-cluster-config-map").withLabels(Map.of("app", "fc-x", "type", "flink-native-kubernetes",
                        "configmap-type", "high-availability")).endMetadata().build()).create();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.destroy();
    }

    private static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("flink").endContainer().endSpec().build();
    }

    private static Pod fetch(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        assertNotNull(pod, namespace + "/" + name);
        return pod;
    }

    @Test
    void refusesANamespaceThatIsNotAllowListed() {
        Sandbox sandbox = new Sandbox(Set.of("team-a"), RUN);
        SandboxViolation refused = assertThrows(SandboxViolation.class, () -> sandbox.requireNamespace("prod"));
        assertTrue(refused.getMessage().contains("--allow-namespace prod"), refused.getMessage());
        // even an object with our label, in a namespace the run may not touch
        assertThrows(SandboxViolation.class, () -> sandbox.requireOwned(fetch("prod", "prod-ours")));
    }

    @Test
    void refusesObjectsWithoutTheRunsLabel() {
        Sandbox sandbox = new Sandbox(Set.of("team-a"), RUN);
        Pod ours = fetch("team-a", "ours");
        assertSame(ours, sandbox.requireOwned(ours));
        SandboxViolation unlabelled = assertThrows(SandboxViolation.class, () -> sandbox.requireOwned(fetch("team-a", "theirs")));
        assertTrue(unlabelled.getMessage().contains("team-a/theirs"), unlabelled.getMessage());
        assertThrows(SandboxViolation.class, () -> sandbox.requireOwned(fetch("team-a", "other-run")));
    }

    @Test
    void flinkObjectsWithoutTheLabelAreOursOnlyForClustersTheRunDeployed() {
        Sandbox sandbox = new Sandbox(Set.of("team-a"), RUN);
        var haMap = client.configMaps().inNamespace("team-a").withName("fc-x-cluster-config-map").get();
        assertThrows(SandboxViolation.class, () -> sandbox.requireOwned(haMap));
        sandbox.adopt("fc-x");
        assertSame(haMap, sandbox.requireOwned(haMap));
    }

    @Test
    void theKubeconfigTargetRefusesANamespaceThatIsNotAllowListed(@TempDir Path dir) throws Exception {
        Path kubeconfig = kubeconfig(dir);
        KubernetesAccess prod = new KubernetesAccess(kubeconfig, null, "prod", Set.of("team-a"), null, null);
        assertTrue(prod.problem().orElseThrow().startsWith("--namespace: 'prod' is not allow-listed"), prod.problem().get());
        TargetException refused = assertThrows(TargetException.class, () -> new KubeconfigCluster(prod));
        assertTrue(refused.getMessage().contains("--allow-namespace prod"), refused.getMessage());
        KubernetesAccess missing = new KubernetesAccess(dir.resolve("nope.yaml"), null, "team-a", Set.of("team-a"), null, null);
        assertTrue(missing.problem().orElseThrow().startsWith("--kubeconfig:"), missing.problem().get());
    }

    @Test
    void theKubeconfigTargetsClusterSeesOnlyWhatItMayTouch(@TempDir Path dir) throws Exception {
        KubernetesAccess teamA = new KubernetesAccess(kubeconfig(dir), null, "team-a", Set.of("team-a"), null, null);
        try (KubeconfigCluster cluster = new KubeconfigCluster(teamA)) {
            assertEquals("team-a", cluster.namespace());
            List<Pod> deletable = cluster.client().pods().inNamespace("team-a").list().getItems().stream()
                    .filter(cluster.sandbox()::owns).toList();
            assertEquals(List.of("ours"), deletable.stream().map(p -> p.getMetadata().getName()).toList());
            assertEquals("flink:1.20.1-java17", cluster.image("1.20.1", List.of()));
        }
    }

    private static Path kubeconfig(Path dir) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig.yaml"), String.join("\n", "apiVersion: v1", "kind: Config",
                "clusters:", "- name: mock", "  cluster:", "    server: http://127.0.0.1:" + server.getPort(),
                "contexts:", "- name: mock", "  context:", "    cluster: mock", "    user: u",
                "current-context: mock", "users:", "- name: u", "  user:", "    token: t", ""));
    }
}
