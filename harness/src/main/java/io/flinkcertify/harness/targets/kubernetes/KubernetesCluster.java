package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkcertify.harness.fault.proxy.FaultProxy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a Kubernetes target obtained its cluster, and the few things that differ with it. Everything else (deploying
 * with Flink's native-Kubernetes code, listing and deleting pods, cleanup, faults) is {@link KubernetesTarget}'s,
 * the same for the emulated cluster, k3s and any cluster from a kubeconfig.
 */
public interface KubernetesCluster extends AutoCloseable {

    /** The harness's own client (the controllers' path, not Flink's). */
    KubernetesClient client();

    /** The namespace Flink clusters are deployed into; allow-listed in {@link #sandbox()}. */
    String namespace();

    Sandbox sandbox();

    /** The kubeconfig Flink's client and Flink's pods use (on k8s-emulated it leads through a fault proxy). */
    Path flinkKubeconfig();

    /** The kubeconfig context Flink should use, if not the file's current one. */
    Optional<String> context();

    /** The image Flink pods run, for a Flink distribution on {@code classpath} of {@code flinkVersion}. */
    String image(String flinkVersion, List<Path> classpath);

    /**
     * The directory (URI) all pods of Flink cluster {@code clusterId} share for checkpoints, savepoints and HA data;
     * {@code local} is the target's workspace on this machine, usable where pods run here.
     */
    String storage(String clusterId, Path local);

    /** Where the harness reaches {@code port} of a running pod (directly, or through a port-forward). */
    URI endpoint(Pod pod, int port);

    /** The OS process of a pod's container, where the pod runs on this machine. */
    OptionalLong pid(Pod pod);

    /** The log of a pod's container, where the pod runs on this machine. */
    Optional<Path> log(Pod pod);

    /** The proxy on Flink's path to the API server, where the harness owns one (for API-server faults). */
    Optional<FaultProxy> apiServerRelay();

    /** Measured facts about the cluster (API server address, start-up). */
    Map<String, Object> facts();

    /** Releases the harness's hold on the cluster: port-forwards and client; a k3s container it started stops; the
     * emulated cluster, shared by the run, stays up until the run's teardown. */
    @Override
    void close();
}
