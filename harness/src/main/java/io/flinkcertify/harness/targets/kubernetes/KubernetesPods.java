package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.Pods;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The run's Flink pods as a fault capability: a kill is a pod deletion with grace period 0 (a Chaos Mesh PodChaos
 * where installed); the Deployment or Flink's ResourceManager brings the replacement, which the evidence names.
 * Every pod touched passes the {@link Sandbox} first.
 */
final class KubernetesPods implements Pods {

    private final KubernetesTarget target;

    KubernetesPods(KubernetesTarget target) {
        this.target = target;
    }

    @Override
    public Injection kill(Fault fault, Instance victim) {
        Pod pod = target.pod(victim.id()).orElseThrow(() -> new IllegalStateException("pod " + victim.id() + " vanished"));
        KubernetesCluster cluster = target.cluster();
        cluster.sandbox().requireOwned(pod);
        Set<String> before = target.pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("victimPod", victim.id());
        evidence.put("victimUid", pod.getMetadata().getUid());
        evidence.put("victimPid", victim.pid());
        evidence.put("deletedAtMillis", System.currentTimeMillis());
        Role role = fault.role();
        // registered for revert before anything else can throw, so a Chaos Mesh object never outlives a failure
        Injection injection = new RevertibleInjection(fault, evidence, kill(victim, pod, evidence), () -> {
            // who replaced the victim: the Deployment (a JobManager) or Flink's ResourceManager (a TaskManager)
            List<String> replacements = target.instances().stream().filter(i -> i.role() == role)
                    .map(Instance::id).filter(name -> !before.contains(name)).toList();
            return Map.of("replacementPods", replacements, "replacedBy", role == Role.JOBMANAGER
                    ? "the JobManager Deployment (Kubernetes HA restores the job)"
                    : "Flink's Kubernetes ResourceManager requesting a new TaskManager pod");
        });
        evidence.put("victimGoneFromApiServer", target.pod(victim.id()).map(p -> !p.getMetadata().getUid()
                .equals(pod.getMetadata().getUid())).orElse(true));
        if (victim.pid() > 0) {
            evidence.put("victimProcessGone", ProcessHandle.of(victim.pid()).map(p -> p.onExit()
                    .completeOnTimeout(p, 10, TimeUnit.SECONDS).join())
                    .map(p -> !p.isAlive()).orElse(true));
        }
        return injection;
    }

    /** Kills the victim's pod through Chaos Mesh where installed, else by deleting it; returns the revert. */
    private Runnable kill(Instance victim, Pod pod, Map<String, Object> evidence) {
        ChaosMesh chaosMesh = target.chaosMesh();
        if (chaosMesh.installed(ChaosMesh.POD_CHAOS_CRD)) {
            var chaos = chaosMesh.podKill(ChaosMesh.name("pod-kill"), pod);
            evidence.put("mechanism", "Chaos Mesh PodChaos " + chaos.getMetadata().getName() + " (pod-kill, grace 0)");
            try {
                Waits.until("Chaos Mesh to kill " + victim.id(), Duration.ofSeconds(30),
                        () -> target.pod(victim.id()).map(p -> p.getMetadata().getUid()),
                        uid -> !uid.equals(Optional.of(pod.getMetadata().getUid())));
            } catch (RuntimeException e) {
                chaosMesh.delete(chaos); // not yet registered for revert: do not leave it behind
                throw e;
            }
            return () -> chaosMesh.delete(chaos);
        }
        evidence.put("mechanism", "pod delete, grace period 0 (direct: Chaos Mesh is not installed in this cluster)");
        KubernetesCluster cluster = target.cluster();
        cluster.client().pods().inNamespace(cluster.namespace()).withName(victim.id()).withGracePeriod(0).delete();
        return () -> { };
    }
}
