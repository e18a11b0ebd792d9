package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.NetworkChaos;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.targets.Instance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chaos Mesh NetworkChaos on the run's pods, for clusters whose pods run elsewhere. */
final class ChaosMeshNetwork implements NetworkChaos {

    private final KubernetesTarget target;
    private final ChaosMesh chaosMesh;

    ChaosMeshNetwork(KubernetesTarget target, ChaosMesh chaosMesh) {
        this.target = target;
        this.chaosMesh = chaosMesh;
    }

    @Override
    public Injection partition(Fault fault, Instance victim, Instance peer) {
        Pod one = target.pod(victim.id()).orElseThrow();
        Pod other = target.pod(peer.id()).orElseThrow();
        var chaos = chaosMesh.partition(ChaosMesh.name("partition"), one, other, fault.duration());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("mechanism", "Chaos Mesh NetworkChaos " + chaos.getMetadata().getName() + " (partition, both)");
        evidence.put("between", List.of(one.getMetadata().getName(), other.getMetadata().getName()));
        return new RevertibleInjection(fault, evidence, () -> chaosMesh.delete(chaos));
    }

    @Override
    public Injection delayTowardsApiServer(Fault fault, Instance jobManager, Duration latency, Duration jitter) {
        Pod pod = target.pod(jobManager.id()).orElseThrow();
        String apiServer = target.cluster().client().getMasterUrl().getHost();
        var chaos = chaosMesh.delay(ChaosMesh.name("apiserver-delay"), pod, List.of(apiServer), latency, jitter,
                fault.duration());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("mechanism", "Chaos Mesh NetworkChaos " + chaos.getMetadata().getName() + " (delay to " + apiServer
                + "); the delay actually applied is not measured on this path");
        return new RevertibleInjection(fault, evidence, () -> chaosMesh.delete(chaos));
    }
}
