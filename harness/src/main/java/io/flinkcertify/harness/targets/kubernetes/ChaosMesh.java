package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.chaosmesh.client.ChaosMeshClient;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaosBuilder;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaosBuilder;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpecBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Faults on real clusters as Chaos Mesh objects, built with fabric8's typed chaosmesh-client (never YAML strings):
 * a PodChaos pod-kill, a NetworkChaos partition between two pods, a NetworkChaos delay on a pod's traffic. Each
 * object carries the run label, aims only at pods the {@link Sandbox} confirms are the run's, and is deleted when
 * the fault is reverted (or by teardown). Where Chaos Mesh is not installed, callers fall back and say so.
 */
final class ChaosMesh {

    static final String POD_CHAOS_CRD = "podchaos.chaos-mesh.org";
    static final String NETWORK_CHAOS_CRD = "networkchaos.chaos-mesh.org";

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    private final KubernetesClient client;
    private final Sandbox sandbox;
    private final String namespace;

    ChaosMesh(KubernetesClient client, Sandbox sandbox, String namespace) {
        this.client = client;
        this.sandbox = sandbox;
        this.namespace = sandbox.requireNamespace(namespace);
    }

    /** A name for a Chaos Mesh object of this run, unique within it. */
    static String name(String what) {
        return io.flinkcertify.harness.process.RunId.current().value() + "-" + what + "-" + SEQUENCE.incrementAndGet();
    }

    /** Whether Chaos Mesh's CRDs are installed in the cluster (checked per fault: it may be installed mid-run). */
    boolean installed(String crd) {
        try {
            return client.apiextensions().v1().customResourceDefinitions().withName(crd).get() != null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return false; // no permission to read CRDs: treated as absent, and the fallback says so
            }
            throw e; // an unreachable API server is not "Chaos Mesh absent"
        }
    }

    /** A PodChaos that kills exactly {@code victim} (grace period 0), created now. */
    PodChaos podKill(String name, Pod victim) {
        sandbox.requireOwned(victim);
        PodChaos chaos = new PodChaosBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(sandbox.runLabels()).endMetadata()
                .withNewSpec().withAction("pod-kill").withMode("one").withGracePeriod(0L)
                .withSelector(exactly(victim)).endSpec()
                .build();
        return chaosMesh().podChaos().inNamespace(namespace).resource(chaos).create();
    }

    /** A NetworkChaos partitioning {@code from} and {@code to} in both directions for {@code duration}. */
    NetworkChaos partition(String name, Pod from, Pod to, Duration duration) {
        sandbox.requireOwned(from);
        sandbox.requireOwned(to);
        NetworkChaos chaos = new NetworkChaosBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(sandbox.runLabels()).endMetadata()
                .withNewSpec().withAction("partition").withMode("one").withDirection("both")
                .withSelector(exactly(from))
                .withNewTarget().withMode("one").withSelector(exactly(to)).endTarget()
                .withDuration(duration.toMillis() + "ms").endSpec()
                .build();
        return chaosMesh().networkChaos().inNamespace(namespace).resource(chaos).create();
    }

    /** A NetworkChaos delaying {@code victim}'s traffic to {@code externalTargets} by {@code latency} +- {@code jitter}. */
    NetworkChaos delay(String name, Pod victim, List<String> externalTargets, Duration latency, Duration jitter,
                       Duration duration) {
        sandbox.requireOwned(victim);
        NetworkChaos chaos = new NetworkChaosBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(sandbox.runLabels()).endMetadata()
                .withNewSpec().withAction("delay").withMode("one").withDirection("to")
                .withSelector(exactly(victim)).withExternalTargets(externalTargets)
                .withNewDelay().withLatency(latency.toMillis() + "ms").withJitter(jitter.toMillis() + "ms")
                .withCorrelation("0").endDelay()
                .withDuration(duration.toMillis() + "ms").endSpec()
                .build();
        return chaosMesh().networkChaos().inNamespace(namespace).resource(chaos).create();
    }

    /** Deletes a Chaos Mesh object this run created (the revert); refuses any other. */
    void delete(HasMetadata chaos) {
        sandbox.requireOwned(chaos);
        if (chaos instanceof PodChaos) {
            chaosMesh().podChaos().inNamespace(namespace).withName(chaos.getMetadata().getName()).delete();
        } else {
            chaosMesh().networkChaos().inNamespace(namespace).withName(chaos.getMetadata().getName()).delete();
        }
    }

    private static PodSelectorSpec exactly(Pod pod) {
        return new PodSelectorSpecBuilder().withNamespaces(pod.getMetadata().getNamespace())
                .withPods(Map.of(pod.getMetadata().getNamespace(), List.of(pod.getMetadata().getName()))).build();
    }

    private ChaosMeshClient chaosMesh() {
        return client.adapt(ChaosMeshClient.class);
    }
}
