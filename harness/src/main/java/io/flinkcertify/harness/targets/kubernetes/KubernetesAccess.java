package io.flinkcertify.harness.targets.kubernetes;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach an existing Kubernetes cluster (the {@code kubeconfig} target) and what the run may touch there.
 *
 * @param kubeconfig        the kubeconfig file, or null for {@code $KUBECONFIG} / {@code ~/.kube/config}
 * @param context           the context to use, or null for the file's current context
 * @param namespace         where Flink clusters are deployed; must be in {@code allowedNamespaces}
 * @param allowedNamespaces the only namespaces the run may deploy to, delete in, or inject faults into
 * @param image             the Flink image pods run (it must hold the job jars for application mode), or null
 *                          for the official {@code flink:<version>-java17}
 * @param storageDir        a directory all pods share (s3://, hdfs://, a shared volume) for checkpoints, savepoints
 *                          and HA data, or null: then they stay pod-local and a JobManager failover cannot restore
 */
public record KubernetesAccess(Path kubeconfig, String context, String namespace, Set<String> allowedNamespaces,
                               String image, String storageDir) {

    public KubernetesAccess {
        allowedNamespaces = Set.copyOf(allowedNamespaces);
    }

    public static KubernetesAccess none() {
        return new KubernetesAccess(null, null, null, Set.of(), null, null);
    }

    /** The kubeconfig file in effect: the given one, else $KUBECONFIG, else ~/.kube/config. */
    public Path kubeconfigFile() {
        if (kubeconfig != null) {
            return kubeconfig;
        }
        return Optional.ofNullable(System.getenv("KUBECONFIG")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    /**
     * Why this access cannot be used as given (one line naming the flag to fix), or empty if it can. Reads and
     * checks the kubeconfig and its context, and sets up the client's TLS material, without any connection.
     */
    public Optional<String> problem() {
        if (!kubeconfigFile().toFile().isFile()) {
            return Optional.of("--kubeconfig: " + kubeconfigFile() + " is not a readable file; pass the kubeconfig of "
                    + "the cluster to certify on");
        }
        if (namespace == null || namespace.isBlank()) {
            return Optional.of("--namespace: missing; name the namespace to deploy into (and allow it with "
                    + "--allow-namespace)");
        }
        if (!allowedNamespaces.contains(namespace)) {
            return Optional.of("--namespace: '" + namespace + "' is not allow-listed; add --allow-namespace " + namespace
                    + " if this run may deploy and inject faults there");
        }
        try {
            kubeconfigChecked().client().close();
        } catch (Kubeconfig.Problem p) {
            return Optional.of(p.getMessage());
        }
        return Optional.empty();
    }

    /** The kubeconfig in effect, read and with its context resolved; throws {@link Kubeconfig.Problem}. */
    public Kubeconfig kubeconfigChecked() {
        return Kubeconfig.read(kubeconfigFile(), context);
    }

    /**
     * Asks the API server once, within seconds, whether this run may list pods in its namespace; throws a
     * one-line {@link io.flinkcertify.harness.targets.TargetException} (exit 3) when not. Call after
     * {@link #problem()} came back empty and before anything starts.
     */
    public void requireReachable() {
        ApiServerProbe.require(kubeconfigChecked(), namespace);
    }
}
