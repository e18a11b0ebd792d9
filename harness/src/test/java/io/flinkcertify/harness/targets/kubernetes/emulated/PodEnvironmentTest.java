package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodEnvironmentTest {

    private static final Path KUBECONFIG = Path.of("/work/run/kubeconfig.yaml");
    private static final ConfigMapIndex CONFIG_MAPS = ConfigMapIndex.of(List.of(
            TestPods.configMap(TestPods.NAMESPACE, "settings", Map.of("mode", "streaming"))));
    private static final Pod POD = TestPods.pod("tm-1-1", Map.of()).withNewSpec().withServiceAccountName("flink")
            .endSpec().build();

    private static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path).endFieldRef()
                .endValueFrom().build();
    }

    private static EnvVar configMapKey(String name, String map, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewConfigMapKeyRef().withName(map).withKey(key)
                .endConfigMapKeyRef().endValueFrom().build();
    }

    private static Map<String, String> resolve(EnvVar... vars) {
        Container container = new ContainerBuilder(TestPods.container()).withEnv(vars).build();
        return new PodEnvironment(KUBECONFIG).resolve(POD, container, "127.20.0.9", CONFIG_MAPS);
    }

    @Test
    void downwardApiFieldsResolveToThePodAndTheNode() {
        Map<String, String> env = resolve(field("POD_IP", "status.podIP"), field("HOST_IP", "status.hostIP"),
                field("NODE", "spec.nodeName"), field("NAME", "metadata.name"), field("NS", "metadata.namespace"),
                field("UID", "metadata.uid"), field("SA", "spec.serviceAccountName"));
        assertEquals("127.20.0.9", env.get("POD_IP"));
        assertEquals("127.0.0.1", env.get("HOST_IP"));
        assertEquals(Kubelet.NODE_NAME, env.get("NODE"));
        assertEquals("tm-1-1", env.get("NAME"));
        assertEquals("ns", env.get("NS"));
        assertEquals("tm-1-1-uid", env.get("UID"));
        assertEquals("flink", env.get("SA"));
    }

    @Test
    void plainValuesAndConfigMapKeysResolveAndTheNodeAddsKubeconfigAndHostname() {
        Map<String, String> env = resolve(new EnvVar("FLINK_TM_JVM_MEM_OPTS", "-Xmx512m", null),
                new EnvVar("EMPTY", null, null), configMapKey("MODE", "settings", "mode"));
        assertEquals("-Xmx512m", env.get("FLINK_TM_JVM_MEM_OPTS"));
        assertEquals("", env.get("EMPTY"));
        assertEquals("streaming", env.get("MODE"));
        assertEquals(KUBECONFIG.toString(), env.get("KUBECONFIG"));
        assertEquals("tm-1-1", env.get("HOSTNAME"));
    }

    @Test
    void aMissingConfigMapKeyIsAnErrorNamingIt() {
        var missingKey = assertThrows(IllegalArgumentException.class, () -> resolve(configMapKey("X", "settings", "nope")));
        assertEquals("env X: config map key settings/nope not found", missingKey.getMessage());
        var missingMap = assertThrows(IllegalArgumentException.class, () -> resolve(configMapKey("X", "absent", "mode")));
        assertTrue(missingMap.getMessage().contains("absent/mode"), missingMap.getMessage());
    }

    @Test
    void aFieldTheNodeDoesNotServeIsAnErrorNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> resolve(field("LABELS", "metadata.labels")));
        assertEquals("env LABELS: field metadata.labels is not served by k8s-emulated's downward API", e.getMessage());
    }

    @Test
    void aSecretReferenceIsNotServed() {
        EnvVar secret = new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef().withName("s")
                .withKey("k").endSecretKeyRef().endValueFrom().build();
        var e = assertThrows(IllegalArgumentException.class, () -> resolve(secret));
        assertTrue(e.getMessage().startsWith("env TOKEN: only values"), e.getMessage());
    }
}
