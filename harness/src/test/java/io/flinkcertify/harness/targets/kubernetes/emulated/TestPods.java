package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.util.Map;

/** Pod specs and config maps for the kubelet parts' tests, built as Flink's client would send them. */
final class TestPods {

    static final String NAMESPACE = "ns";

    static Container container() {
        return new ContainerBuilder().withName("flink-main-container").withImage("flink-certify/flink:1.20.1").build();
    }

    static PodBuilder pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).withUid(name + "-uid")
                .withLabels(labels).endMetadata();
    }

    static ConfigMap configMap(String namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withData(data).build();
    }

    static Pod withStatus(PodBuilder pod, String phase) {
        return pod.withNewStatus().withPhase(phase).endStatus().build();
    }

    private TestPods() {}
}
