package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultInjector;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.fault.ProcessFaults;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.fault.StorageOutage;
import io.flinkcertify.harness.fault.proxy.Direction;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.fault.proxy.Toxic;
import io.flinkcertify.harness.fault.proxy.ToxicHandle;
import io.flinkcertify.harness.probe.JobManagerLog;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Faults on Kubernetes targets. Kills are pod deletions with grace period 0 (the Deployment or Flink's
 * ResourceManager brings the replacement, which the evidence names); freezes stop the pod's process where the pod
 * runs on this machine; API-server latency and outages act on the proxy in front of the API server, where the
 * harness owns one. Every pod touched passes the {@link Sandbox} first.
 */
final class KubernetesFaultInjector implements FaultInjector {

    /** Fault parameters of API-server latency: mean added delay and jitter, in milliseconds. */
    static final String LATENCY_MS = "latencyMs";
    static final String JITTER_MS = "jitterMs";

    private static final AtomicInteger CHAOS_SEQUENCE = new AtomicInteger();
    private final KubernetesTarget target;

    KubernetesFaultInjector(KubernetesTarget target) {
        this.target = target;
    }

    @Override
    public Injection inject(Fault fault) {
        return switch (fault.kind()) {
            case TASKMANAGER_KILL, JOBMANAGER_KILL -> deletePod(fault);
            case FREEZE -> freeze(fault);
            case APISERVER_LATENCY -> target.cluster().apiServerRelay().isPresent() ? apiServer(fault, latency(fault))
                    : delayTowardsApiServer(fault);
            case APISERVER_OUTAGE -> apiServer(fault, new Toxic.Outage());
            case ZOOKEEPER_SUSPENSION -> throw notApplicable(fault, "Kubernetes targets run Kubernetes HA "
                    + "(leader election through the API server), not ZooKeeper");
            case PARTITION -> partition(fault);
            case CHECKPOINT_STORAGE_OUTAGE -> StorageOutage.cuttable(target.checkpointStorage())
                    .map(dir -> StorageOutage.cut(fault, dir))
                    .orElseThrow(() -> notApplicable(fault, "checkpoint storage " + target.checkpointStorage()
                            + " is not a directory of this run on this machine; cut the storage service itself to test this"));
        };
    }

    private Injection deletePod(Fault fault) {
        Instance victim = pick(fault);
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
        ChaosMesh chaosMesh = chaosMesh();
        if (chaosMesh.installed(ChaosMesh.POD_CHAOS_CRD)) {
            var chaos = chaosMesh.podKill(chaosName("pod-kill"), pod);
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

    /** TaskManager <-> JobManager, both ways, as a Chaos Mesh NetworkChaos where Chaos Mesh is installed. */
    private Injection partition(Fault fault) {
        if (pick(fault).pid() > 0) {
            // the pods are processes here (k8s-emulated): cut their sockets as on any local target
            return ProcessFaults.partition(fault, target.instances(), target.kind());
        }
        ChaosMesh chaosMesh = chaosMesh();
        if (!chaosMesh.installed(ChaosMesh.NETWORK_CHAOS_CRD)) {
            throw notApplicable(fault, "a TaskManager <-> JobManager partition is a Chaos Mesh NetworkChaos on a "
                    + "cluster whose pods run elsewhere, and Chaos Mesh is not installed in this cluster");
        }
        Pod taskManager = target.pod(pick(fault).id()).orElseThrow();
        Pod jobManager = target.pod(target.instances().stream().filter(i -> i.role() == Role.JOBMANAGER).findFirst()
                .orElseThrow(() -> new IllegalStateException("no JobManager pod to partition from")).id()).orElseThrow();
        var chaos = chaosMesh.partition(chaosName("partition"), taskManager, jobManager, fault.duration());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("mechanism", "Chaos Mesh NetworkChaos " + chaos.getMetadata().getName() + " (partition, both)");
        evidence.put("between", List.of(taskManager.getMetadata().getName(), jobManager.getMetadata().getName()));
        return new RevertibleInjection(fault, evidence, () -> chaosMesh.delete(chaos));
    }

    private ChaosMesh chaosMesh() {
        return new ChaosMesh(target.cluster().client(), target.cluster().sandbox(), target.cluster().namespace());
    }

    private static String chaosName(String what) {
        return RunId.current().value() + "-" + what + "-" + CHAOS_SEQUENCE.incrementAndGet();
    }

    private Injection freeze(Fault fault) {
        Instance victim = pick(fault);
        if (victim.pid() <= 0) {
            throw notApplicable(fault, "the pods of this cluster do not run on this machine; freezing them needs "
                    + "container pause or a Chaos Mesh StressChaos");
        }
        return ProcessFaults.freeze(fault, victim);
    }

    private Injection apiServer(Fault fault, Toxic toxic) {
        Optional<FaultProxy> relay = target.cluster().apiServerRelay();
        if (relay.isEmpty()) {
            throw notApplicable(fault, "Flink reaches this cluster's API server directly; there is no harness proxy "
                    + "on the path to cut");
        }
        FaultProxy proxy = relay.get();
        JobManagerLog log = JobManagerLog.from(jobManagerLog(), this::jobManagerLog);
        proxy.resetStats();
        ToxicHandle handle = proxy.add(toxic);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("toxic", toxic.toString());
        evidence.put("proxy", proxy.toString());
        return new RevertibleInjection(fault, evidence, () -> {
            handle.close();
            evidence.put("proxyWhileActive", proxy.stats().toEvidence());
            evidence.put("jobManagerSawWhileActive", log.events(JobManagerLog.KUBERNETES));
        }, () -> Map.of("jobManagerSawUntilRecovered", log.events(JobManagerLog.KUBERNETES)));
    }

    private static Toxic latency(Fault fault) {
        return new Toxic.Latency(parameter(fault, LATENCY_MS, 2000), parameter(fault, JITTER_MS, 0), Direction.DOWNSTREAM);
    }

    private static Duration parameter(Fault fault, String key, long defaultMs) {
        return Duration.ofMillis(Long.parseLong(fault.parameters().getOrDefault(key, Long.toString(defaultMs))));
    }

    /** On a cluster without a harness proxy: a Chaos Mesh delay on the JobManager pod's traffic to the API server. */
    private Injection delayTowardsApiServer(Fault fault) {
        ChaosMesh chaosMesh = chaosMesh();
        if (!chaosMesh.installed(ChaosMesh.NETWORK_CHAOS_CRD)) {
            throw notApplicable(fault, "Flink reaches this cluster's API server directly and Chaos Mesh is not "
                    + "installed, so there is no way to delay that path");
        }
        Pod jobManager = target.pod(pick(new Fault(fault.kind(), Role.JOBMANAGER, 0, fault.start(), fault.duration(),
                fault.parameters())).id()).orElseThrow();
        String apiServer = target.cluster().client().getMasterUrl().getHost();
        var chaos = chaosMesh.delay(chaosName("apiserver-delay"), jobManager, List.of(apiServer),
                parameter(fault, LATENCY_MS, 2000), parameter(fault, JITTER_MS, 0), fault.duration());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("mechanism", "Chaos Mesh NetworkChaos " + chaos.getMetadata().getName() + " (delay to " + apiServer
                + "); the delay actually applied is not measured on this path");
        return new RevertibleInjection(fault, evidence, () -> chaosMesh.delete(chaos));
    }

    private Optional<java.nio.file.Path> jobManagerLog() {
        return target.pods().stream().filter(p -> "jobmanager".equals(KubernetesTarget.component(p)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> target.cluster().log(p)).flatMap(Optional::stream).reduce((a, b) -> b);
    }

    private Instance pick(Fault fault) {
        List<Instance> candidates = target.instances().stream().filter(i -> i.role() == fault.role()).toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no running " + fault.role() + " pod to aim " + fault.describe() + " at");
        }
        return candidates.get(Math.floorMod(fault.instance(), candidates.size()));
    }

    private NotApplicable notApplicable(Fault fault, String reason) {
        return new NotApplicable(fault.kind(), target.kind(), reason);
    }
}
