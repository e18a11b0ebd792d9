package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The leader lock read from the API server (the mock in CRUD mode), as Flink's Kubernetes HA writes it. */
class LeaderLockTest {

    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void apiServer() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private void lock(String cluster, String name, String holder) {
        Map<String, String> annotations = holder == null ? Map.of()
                : Map.of(LeaderLock.ANNOTATION, "{\"holderIdentity\":\"" + holder + "\",\"leaseDuration\":15.0,"
                        + "\"acquireTime\":\"2026-12-01T12:00:00Z\",\"renewTime\":\"2026-12-01T12:00:05Z\",\"leaderTransitions\":0}");
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("app", cluster, "configmap-type", "high-availability"))
                .withAnnotations(annotations).endMetadata().build()).createOr(r -> r.update());
    }

    @Test
    void readsTheHolderOfThisClustersLockOnly() {
        lock("fc-x", "fc-x-cluster-config-map", "jm-a");
        lock("fc-y", "fc-y-cluster-config-map", "someone-else");
        assertEquals(Optional.of("jm-a"), new LeaderLock(client, "team-a", "fc-x").holder());
        lock("fc-x", "fc-x-cluster-config-map", "jm-b");
        assertEquals(Optional.of("jm-b"), new LeaderLock(client, "team-a", "fc-x").holder());
    }

    @Test
    void noLockOrNoHolderOrAnUnreachableServerIsEmpty() {
        assertEquals(Optional.empty(), new LeaderLock(client, "team-a", "fc-x").holder());
        lock("fc-x", "fc-x-config-map", null);
        assertEquals(Optional.empty(), new LeaderLock(client, "team-a", "fc-x").holder());
        server.destroy();
        assertEquals(Optional.empty(), new LeaderLock(client, "team-a", "fc-x").holder());
    }

    @Test
    void holderIdentityNeedsAName() {
        assertEquals(Optional.empty(), LeaderLock.holderIdentity("{\"holderIdentity\":\"\"}"));
        assertEquals(Optional.empty(), LeaderLock.holderIdentity("not json"));
        assertEquals(Optional.of("x"), LeaderLock.holderIdentity("{\"holderIdentity\":\"x\"}"));
    }
}
