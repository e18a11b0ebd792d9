package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Materialises a container's volume mounts as directories of the pod: a config map volume becomes its keys as
 * files (all of them, or the items it names, at their paths), the way a mounted config map shows them; an emptyDir
 * stays empty. Flink's configuration reaches a pod only this way, so what is not a config map or emptyDir is an
 * error naming the volume, never silently skipped.
 */
final class VolumeMounter {

    /** What mounting gave: the mount paths to their directories, or the config map the pod must wait for. */
    sealed interface Result permits Mounted, ConfigMapMissing {}

    /** @param paths mount path (as the container sees it) to the directory on this machine */
    record Mounted(Map<String, Path> paths) implements Result {}

    record ConfigMapMissing(String name) implements Result {}

    /** Mounts every volume of {@code container} under {@code podDir/volumes}. */
    static Result mount(Pod pod, Container container, ConfigMapIndex configMaps, Path podDir) throws IOException {
        Map<String, Volume> volumes = pod.getSpec().getVolumes().stream()
                .collect(Collectors.toMap(Volume::getName, v -> v, (a, b) -> a));
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new IllegalArgumentException("volume mount " + mount.getName() + " names no volume of the pod");
            }
            Path target = Files.createDirectories(podDir.resolve("volumes").resolve(volume.getName()));
            if (volume.getConfigMap() != null) {
                String name = volume.getConfigMap().getName();
                var map = configMaps.find(pod.getMetadata().getNamespace(), name);
                if (map.isEmpty()) {
                    return new ConfigMapMissing(name);
                }
                writeConfigMap(map.get(), volume.getConfigMap().getItems(), target);
            } else if (volume.getEmptyDir() == null) {
                throw new IllegalArgumentException("volume " + volume.getName() + ": k8s-emulated mounts config maps "
                        + "and emptyDir only");
            }
            mounts.put(mount.getMountPath(), target);
        }
        return new Mounted(mounts);
    }

    private static void writeConfigMap(ConfigMap map, List<KeyToPath> items, Path target) throws IOException {
        Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, String> e : data.entrySet()) {
                Files.writeString(target.resolve(e.getKey()), e.getValue());
            }
        } else {
            for (KeyToPath item : items) {
                Path file = target.resolve(item.getPath());
                Files.createDirectories(file.getParent());
                Files.writeString(file, data.getOrDefault(item.getKey(), ""));
            }
        }
    }

    private VolumeMounter() {}
}
