package io.flinkcertify.harness.targets.kubernetes;

import io.flinkcertify.harness.process.ClasspathFile;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the Kubernetes side's code is on this machine: the k8s-runtime module (the deployer) and Flink's
 * Kubernetes integration, both written by the k8s-runtime build and neither on the harness classpath.
 */
public record KubernetesRuntime(Path home, List<Path> flinkKubernetes) {

    private static final String FLINK = "flink-certify/k8s-flink-classpath.txt";

    public static KubernetesRuntime fromClasspath() {
        return new KubernetesRuntime(ClasspathFile.home(FLINK), ClasspathFile.read(FLINK));
    }
}
