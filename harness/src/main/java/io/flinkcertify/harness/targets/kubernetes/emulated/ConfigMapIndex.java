package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The cluster's config maps by namespace and name, as a pod's volumes and env references name them. */
record ConfigMapIndex(Map<String, ConfigMap> byKey) {

    ConfigMapIndex {
        byKey = Map.copyOf(byKey);
    }

    static ConfigMapIndex of(List<ConfigMap> configMaps) {
        return new ConfigMapIndex(configMaps.stream().collect(Collectors.toMap(
                c -> key(c.getMetadata().getNamespace(), c.getMetadata().getName()), c -> c, (a, b) -> a)));
    }

    /** A pod can only use config maps of its own namespace. */
    Optional<ConfigMap> find(String namespace, String name) {
        return Optional.ofNullable(byKey.get(key(namespace, name)));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
