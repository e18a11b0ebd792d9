package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolumeMounterTest {

    private static final ConfigMapIndex FLINK_CONFIG = ConfigMapIndex.of(List.of(TestPods.configMap(TestPods.NAMESPACE,
            "flink-config-c1", Map.of("config.yaml", "rest.port: 8081\n", "log4j-console.properties", "rootLogger=INFO"))));

    @TempDir
    Path dir;

    private static Volume configMapVolume(String configMap, String key, String path) {
        VolumeBuilder volume = new VolumeBuilder().withName("flink-config-volume");
        return key == null ? volume.withNewConfigMap().withName(configMap).endConfigMap().build()
                : volume.withNewConfigMap().withName(configMap).addNewItem().withKey(key).withPath(path).endItem()
                        .endConfigMap().build();
    }

    private static Container mounting(String... volumeAndPath) {
        ContainerBuilder container = new ContainerBuilder(TestPods.container());
        for (int i = 0; i < volumeAndPath.length; i += 2) {
            container.addNewVolumeMount().withName(volumeAndPath[i]).withMountPath(volumeAndPath[i + 1]).endVolumeMount();
        }
        return container.build();
    }

    private static Pod pod(Volume... volumes) {
        return TestPods.pod("jm", Map.of()).withNewSpec().withVolumes(volumes).endSpec().build();
    }

    private VolumeMounter.Mounted mounted(Pod pod, Container container) throws Exception {
        return assertInstanceOf(VolumeMounter.Mounted.class, VolumeMounter.mount(pod, container, FLINK_CONFIG, dir));
    }

    @Test
    void aConfigMapVolumeShowsEveryKeyAsAFile() throws Exception {
        Path conf = mounted(pod(configMapVolume("flink-config-c1", null, null)),
                mounting("flink-config-volume", Kubelet.FLINK_CONF_MOUNT)).paths().get(Kubelet.FLINK_CONF_MOUNT);
        assertEquals(dir.resolve("volumes/flink-config-volume"), conf);
        assertEquals("rest.port: 8081\n", Files.readString(conf.resolve("config.yaml")));
        assertEquals("rootLogger=INFO", Files.readString(conf.resolve("log4j-console.properties")));
    }

    @Test
    void itemsMountOnlyTheNamedKeysAtTheirPaths() throws Exception {
        Path conf = mounted(pod(configMapVolume("flink-config-c1", "config.yaml", "sub/flink.yaml")),
                mounting("flink-config-volume", "/conf")).paths().get("/conf");
        assertEquals("rest.port: 8081\n", Files.readString(conf.resolve("sub/flink.yaml")));
        assertFalse(Files.exists(conf.resolve("log4j-console.properties")));
    }

    @Test
    void aMissingConfigMapLeavesThePodWaitingForIt() throws Exception {
        Pod pod = pod(configMapVolume("flink-config-other", null, null));
        var result = VolumeMounter.mount(pod, mounting("flink-config-volume", "/conf"), FLINK_CONFIG, dir);
        assertEquals(new VolumeMounter.ConfigMapMissing("flink-config-other"), result);
    }

    @Test
    void aConfigMapOfAnotherNamespaceIsNotMounted() throws Exception {
        ConfigMapIndex elsewhere = ConfigMapIndex.of(List.of(TestPods.configMap("other", "flink-config-c1", Map.of())));
        var result = VolumeMounter.mount(pod(configMapVolume("flink-config-c1", null, null)),
                mounting("flink-config-volume", "/conf"), elsewhere, dir);
        assertInstanceOf(VolumeMounter.ConfigMapMissing.class, result);
    }

    @Test
    void anEmptyDirIsAnEmptyDirectory() throws Exception {
        Volume scratch = new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build();
        Path path = mounted(pod(scratch), mounting("scratch", "/tmp/scratch")).paths().get("/tmp/scratch");
        assertTrue(Files.isDirectory(path));
        try (var files = Files.list(path)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void otherVolumeKindsAndDanglingMountsAreErrorsNamingThem() {
        Volume host = new VolumeBuilder().withName("host").withNewHostPath().withPath("/var").endHostPath().build();
        var unsupported = assertThrows(IllegalArgumentException.class,
                () -> VolumeMounter.mount(pod(host), mounting("host", "/var"), FLINK_CONFIG, dir));
        assertTrue(unsupported.getMessage().contains("volume host"), unsupported.getMessage());
        var dangling = assertThrows(IllegalArgumentException.class,
                () -> VolumeMounter.mount(pod(), mounting("nowhere", "/x"), FLINK_CONFIG, dir));
        assertTrue(dangling.getMessage().contains("volume mount nowhere"), dangling.getMessage());
    }
}
