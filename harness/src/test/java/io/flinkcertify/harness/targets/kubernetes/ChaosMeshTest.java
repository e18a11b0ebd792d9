package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.chaosmesh.client.ChaosMeshClient;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.flinkcertify.harness.process.RunId;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chaos Mesh objects as the injector creates them, against fabric8's mock API server: selectors, labels, revert. */
class ChaosMeshTest {

    private static final String RUN = RunId.current().value();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private ChaosMesh chaosMesh;
    private Pod taskManager;
    private Pod jobManager;

    @BeforeEach
    void cluster() throws Exception {
        List<CustomResourceDefinitionContext> kinds = List.of(context("PodChaos", "podchaos"),
                context("NetworkChaos", "networkchaos"));
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(kinds), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        taskManager = client.pods().inNamespace("team-a").resource(pod("fc-1-taskmanager-1-1", Map.of(Sandbox.RUN_LABEL, RUN))).create();
        jobManager = client.pods().inNamespace("team-a").resource(pod("fc-1-abc-xyz", Map.of(Sandbox.RUN_LABEL, RUN))).create();
        chaosMesh = new ChaosMesh(client, new Sandbox(Set.of("team-a"), RUN), "team-a");
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static CustomResourceDefinitionContext context(String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup("chaos-mesh.org").withVersion("v1alpha1")
                .withKind(kind).withPlural(plural).withScope("Namespaced").build();
    }

    private void installChaosMesh() {
        for (String kind : List.of("PodChaos", "NetworkChaos")) {
            String plural = kind.toLowerCase();
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(plural + ".chaos-mesh.org").endMetadata()
                    .withNewSpec().withGroup("chaos-mesh.org").withScope("Namespaced")
                    .withNewNames().withKind(kind).withPlural(plural).withSingular(plural).endNames()
                    .addNewVersion().withName("v1alpha1").withServed(true).withStorage(true).endVersion()
                    .endSpec().build()).create();
        }
    }

    private static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("flink").endContainer().endSpec().build();
    }

    private ChaosMeshClient typed() {
        return client.adapt(ChaosMeshClient.class);
    }

    @Test
    void absentCrdsMeanNotInstalledSoTheInjectorFallsBack() {
        assertFalse(chaosMesh.installed(ChaosMesh.POD_CHAOS_CRD));
        installChaosMesh();
        assertTrue(chaosMesh.installed(ChaosMesh.POD_CHAOS_CRD));
        assertTrue(chaosMesh.installed(ChaosMesh.NETWORK_CHAOS_CRD));
    }

    @Test
    void aPodKillSelectsExactlyTheVictimCarriesTheRunLabelAndRevertDeletesIt() {
        installChaosMesh();
        PodChaos created = chaosMesh.podKill("kill-1", taskManager);
        PodChaos stored = typed().podChaos().inNamespace("team-a").withName("kill-1").get();
        assertEquals("pod-kill", stored.getSpec().getAction());
        assertEquals("one", stored.getSpec().getMode());
        assertEquals(0L, stored.getSpec().getGracePeriod());
        assertEquals(Map.of("team-a", List.of("fc-1-taskmanager-1-1")), stored.getSpec().getSelector().getPods());
        assertEquals(RUN, stored.getMetadata().getLabels().get(Sandbox.RUN_LABEL));
        chaosMesh.delete(created);
        assertEquals(List.of(), typed().podChaos().inNamespace("team-a").list().getItems());
    }

    @Test
    void aPartitionSeparatesTheTwoPodsBothWaysForTheDuration() {
        installChaosMesh();
        NetworkChaos created = chaosMesh.partition("cut-1", taskManager, jobManager, Duration.ofSeconds(10));
        NetworkChaos stored = typed().networkChaos().inNamespace("team-a").withName("cut-1").get();
        assertEquals("partition", stored.getSpec().getAction());
        assertEquals("both", stored.getSpec().getDirection());
        assertEquals("10000ms", stored.getSpec().getDuration());
        assertEquals(Map.of("team-a", List.of("fc-1-taskmanager-1-1")), stored.getSpec().getSelector().getPods());
        assertEquals(Map.of("team-a", List.of("fc-1-abc-xyz")), stored.getSpec().getTarget().getSelector().getPods());
        chaosMesh.delete(created);
        assertEquals(List.of(), typed().networkChaos().inNamespace("team-a").list().getItems());
    }

    @Test
    void aDelayTargetsTheVictimsTrafficToTheGivenHosts() {
        installChaosMesh();
        chaosMesh.delay("slow-1", jobManager, List.of("10.0.0.1"), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(30));
        NetworkChaos stored = typed().networkChaos().inNamespace("team-a").withName("slow-1").get();
        assertEquals("delay", stored.getSpec().getAction());
        assertEquals("2000ms", stored.getSpec().getDelay().getLatency());
        assertEquals("100ms", stored.getSpec().getDelay().getJitter());
        assertEquals(List.of("10.0.0.1"), stored.getSpec().getExternalTargets());
    }

    @Test
    void chaosIsNeverAimedAtPodsOutsideTheSandbox() {
        installChaosMesh();
        Pod foreign = client.pods().inNamespace("team-a").resource(pod("payments-0", Map.of("app", "payments"))).create();
        assertThrows(SandboxViolation.class, () -> chaosMesh.podKill("kill-2", foreign));
        assertThrows(SandboxViolation.class, () -> chaosMesh.partition("cut-2", taskManager, foreign, Duration.ofSeconds(5)));
        assertEquals(List.of(), typed().podChaos().inNamespace("team-a").list().getItems());
        assertEquals(List.of(), typed().networkChaos().inNamespace("team-a").list().getItems());
        assertThrows(SandboxViolation.class, () -> new ChaosMesh(client, new Sandbox(Set.of("team-a"), RUN), "prod"));
    }
}
