package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.targets.kubernetes.K3sCluster;
import io.flinkcertify.harness.targets.kubernetes.KubeconfigCluster;
import io.flinkcertify.harness.targets.kubernetes.emulated.EmulatedKubernetes;
import io.flinkcertify.harness.targets.yarn.YarnMiniTarget;

/**
 * The resource manager a target kind stands for, which decides which side of a job's settings it runs with: its
 * production YARN settings on YARN, the settings derived from them on Kubernetes, the shared ones elsewhere.
 */
public enum Platform {
    YARN, KUBERNETES, STANDALONE;

    public static Platform of(String kind) {
        return switch (kind) {
            case YarnMiniTarget.KIND -> YARN;
            case EmulatedKubernetes.TOPIC, KubeconfigCluster.KIND, K3sCluster.KIND -> KUBERNETES;
            default -> STANDALONE;
        };
    }
}
