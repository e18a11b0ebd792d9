package io.flinkcertify.harness.targets.kubernetes.emulated;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's image store: which image references a pod may name and the classpath each stands for. There is no
 * registry and no container runtime here; an "image" is the Flink distribution of one version plus Flink's
 * Kubernetes integration, assembled from Maven artifacts. A pod naming any other image fails to start, as with
 * {@code imagePullPolicy: Never} and a missing image.
 */
final class PodImages {

    private final Map<String, List<Path>> images = new ConcurrentHashMap<>();

    void register(String reference, List<Path> classpath) {
        images.put(reference, List.copyOf(classpath));
    }

    Optional<List<Path>> classpath(String reference) {
        return Optional.ofNullable(images.get(reference));
    }

    String known() {
        return String.join(", ", images.keySet());
    }
}
