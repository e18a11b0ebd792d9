package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A container's environment as the kubelet resolves it: plain values, downward-API field references (the pod's
 * address, name, namespace, uid, node, service account) and config map keys, plus what this node adds
 * ({@code KUBECONFIG}, so Flink's Kubernetes client in the pod finds the API server; {@code HOSTNAME}). Flink's
 * pods read their own address and name this way; a reference this node cannot serve is an error naming it.
 */
final class PodEnvironment {

    private final Path kubeconfig;

    PodEnvironment(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** @param ip the address the node gave the pod ({@code status.podIP}) */
    Map<String, String> resolve(Pod pod, Container container, String ip, ConfigMapIndex configMaps) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), value(pod, var, ip, configMaps));
        }
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", pod.getMetadata().getName());
        return env;
    }

    private static String value(Pod pod, EnvVar var, String ip, ConfigMapIndex configMaps) {
        if (var.getValueFrom() == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (var.getValueFrom().getFieldRef() != null) {
            String path = var.getValueFrom().getFieldRef().getFieldPath();
            return switch (path) {
                case "status.podIP" -> ip;
                case "status.hostIP" -> PodStatuses.NODE_IP;
                case "spec.nodeName" -> Kubelet.NODE_NAME;
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> pod.getMetadata().getNamespace();
                case "metadata.uid" -> pod.getMetadata().getUid();
                case "spec.serviceAccountName" -> String.valueOf(pod.getSpec().getServiceAccountName());
                default -> throw new IllegalArgumentException("env " + var.getName() + ": field " + path
                        + " is not served by k8s-emulated's downward API");
            };
        }
        if (var.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = var.getValueFrom().getConfigMapKeyRef();
            Map<String, String> data = configMaps.find(pod.getMetadata().getNamespace(), ref.getName())
                    .map(ConfigMap::getData).orElse(null);
            if (data == null || !data.containsKey(ref.getKey())) {
                throw new IllegalArgumentException("env " + var.getName() + ": config map key " + ref.getName() + "/"
                        + ref.getKey() + " not found");
            }
            return data.get(ref.getKey());
        }
        throw new IllegalArgumentException("env " + var.getName() + ": only values, field refs and config map keys "
                + "are served by k8s-emulated");
    }
}
