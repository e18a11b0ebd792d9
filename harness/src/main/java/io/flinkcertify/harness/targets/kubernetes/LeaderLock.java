package io.flinkcertify.harness.targets.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkcertify.harness.targets.LeaderElection;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The leader lock of Flink's Kubernetes HA: an annotation on a ConfigMap labelled with the cluster id, holding a
 * leader-election record whose {@code holderIdentity} is the JobManager that leads now.
 */
public record LeaderLock(KubernetesClient client, String namespace, String clusterId) implements LeaderElection {

    static final String ANNOTATION = "control-plane.alpha.kubernetes.io/leader";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<String> holder() {
        try {
            return client.configMaps().inNamespace(namespace).withLabel("app", clusterId).list().getItems().stream()
                    .map(LeaderLock::lockRecord).filter(Objects::nonNull).map(LeaderLock::holderIdentity)
                    .flatMap(Optional::stream).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty(); // an API server outage is a fault we inject: unknown, not a change of leader
        }
    }

    private static String lockRecord(ConfigMap cm) {
        Map<String, String> annotations = cm.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    /** The {@code holderIdentity} of a leader-election record (JSON), if it names one. */
    static Optional<String> holderIdentity(String lockRecord) {
        try {
            String holder = JSON.readTree(lockRecord).path("holderIdentity").asText("");
            return holder.isBlank() ? Optional.empty() : Optional.of(holder);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
