package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a run may touch on a Kubernetes cluster: objects in allow-listed namespaces that carry the run's label, or
 * that belong to a Flink cluster the run deployed itself (Flink labels its services and HA config maps with the
 * cluster id only). Every delete the harness issues (pod kills, cleanup) passes {@link #requireOwned} first, so
 * chaos never reaches someone else's workload, even on a shared staging cluster.
 */
public final class Sandbox {

    public static final String RUN_LABEL = "flink-certify.io/run";
    private static final String FLINK_APP_LABEL = "app";
    private static final String FLINK_TYPE_LABEL = "type";
    private static final String FLINK_NATIVE = "flink-native-kubernetes";

    private final Set<String> allowedNamespaces;
    private final String runId;
    private final Set<String> clusterIds = ConcurrentHashMap.newKeySet();

    public Sandbox(Set<String> allowedNamespaces, String runId) {
        this.allowedNamespaces = Set.copyOf(allowedNamespaces);
        this.runId = runId;
    }

    /** The labels every object the run creates carries. */
    public Map<String, String> runLabels() {
        return Map.of(RUN_LABEL, runId);
    }

    public String requireNamespace(String namespace) {
        if (!allowedNamespaces.contains(namespace)) {
            throw new SandboxViolation("namespace '" + namespace + "' is not allow-listed (allowed: "
                    + String.join(", ", new TreeSet<>(allowedNamespaces)) + "); add it with --allow-namespace "
                    + namespace + " if this run may deploy and inject faults there");
        }
        return namespace;
    }

    /** Records a Flink cluster id this run deployed: its unlabelled objects (services, HA maps) become ours. */
    public void adopt(String clusterId) {
        clusterIds.add(clusterId);
    }

    public boolean owns(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        if (labels == null || !allowedNamespaces.contains(object.getMetadata().getNamespace())) {
            return false;
        }
        String app = labels.get(FLINK_APP_LABEL);
        return runId.equals(labels.get(RUN_LABEL))
                || (app != null && clusterIds.contains(app) && FLINK_NATIVE.equals(labels.get(FLINK_TYPE_LABEL)));
    }

    /** Returns {@code object} if the run may delete or disturb it; otherwise refuses, naming it. */
    public <T extends HasMetadata> T requireOwned(T object) {
        requireNamespace(object.getMetadata().getNamespace());
        if (!owns(object)) {
            throw new SandboxViolation("refusing to touch " + object.getKind() + " " + object.getMetadata().getNamespace()
                    + "/" + object.getMetadata().getName() + ": it carries no " + RUN_LABEL + "=" + runId
                    + " label and belongs to no Flink cluster this run deployed");
        }
        return object;
    }
}
