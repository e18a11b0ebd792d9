package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.fault.action.ChaosApiServerDelay;
import io.flinkcertify.harness.fault.action.ChaosPartition;
import io.flinkcertify.harness.fault.action.Freeze;
import io.flinkcertify.harness.fault.action.PodKill;
import io.flinkcertify.harness.fault.action.ProcessKill;
import io.flinkcertify.harness.fault.action.ProxyToxic;
import io.flinkcertify.harness.fault.action.SocketPartition;
import io.flinkcertify.harness.fault.action.StorageCut;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which fault action carries out which fault, decided from capabilities alone: the shapes of the targets (local
 * processes without HA, YARN with ZooKeeper, emulated pods behind a proxy, a remote cluster with and without
 * Chaos Mesh), and the reasons a fault is not applicable.
 */
class FaultActionsTest {

    private static final List<Instance> LOCAL = List.of(new Instance(Role.JOBMANAGER, "jm", 101, "127.0.0.1"),
            new Instance(Role.TASKMANAGER, "tm", 102, "127.0.0.1"));
    private static final List<Instance> REMOTE = List.of(new Instance(Role.JOBMANAGER, "jm-pod", -1, "10.0.0.1"),
            new Instance(Role.TASKMANAGER, "tm-pod", -1, "10.0.0.2"));
    private static final Pods PODS = (fault, victim) -> { throw new AssertionError("routing only"); };
    /** A real proxy (to a port nothing listens on): routing only checks that a target offers one. */
    private static FaultProxy proxy;

    @org.junit.jupiter.api.BeforeAll
    static void startProxy() {
        proxy = FaultProxy.start(new java.net.InetSocketAddress("127.0.0.1", 9), 1);
    }

    @org.junit.jupiter.api.AfterAll
    static void stopProxy() {
        proxy.close();
    }

    private static Capabilities standalone() {
        return Capabilities.none("standalone", () -> LOCAL, "standalone runs plain local processes")
                .withProcesses(Capability.of(victim -> Map.of()))
                .withJobManagerFailover(Capability.absent("standalone runs without HA"))
                .withZookeeperPath(Capability.absent("standalone runs without ZooKeeper (no HA)"))
                .withApiServerPath(Capability.absent("there is no Kubernetes API server"))
                .withCheckpointDirectory(Capability.of(Path.of("/tmp/cp")));
    }

    private static Capabilities yarn() {
        return standalone().withJobManagerFailover(Capability.of("ZooKeeper HA"))
                .withZookeeperPath(Capability.of(proxy()));
    }

    private static Capabilities emulated() {
        return Capabilities.none("k8s-emulated", () -> LOCAL, "pods").withPods(Capability.of(PODS))
                .withProcesses(Capability.of(victim -> Map.of()))
                .withJobManagerFailover(Capability.of("Kubernetes HA"))
                .withZookeeperPath(Capability.absent("Kubernetes targets run Kubernetes HA, not ZooKeeper"))
                .withApiServerPath(Capability.of(proxy()))
                .withCheckpointDirectory(Capability.of(Path.of("/tmp/cp")));
    }

    private static Capabilities remote(boolean chaosMesh) {
        NetworkChaos chaos = new NetworkChaos() {
            public Injection partition(Fault f, Instance v, Instance p) { throw new AssertionError(); }
            public Injection delayTowardsApiServer(Fault f, Instance jm, Duration l, Duration j) { throw new AssertionError(); }
        };
        return Capabilities.none("kubeconfig", () -> REMOTE, "pods").withPods(Capability.of(PODS))
                .withProcesses(Capability.absent("the pods of this cluster do not run on this machine"))
                .withJobManagerFailover(Capability.of("Kubernetes HA"))
                .withZookeeperPath(Capability.absent("Kubernetes HA, not ZooKeeper"))
                .withApiServerPath(Capability.absent("Flink reaches this cluster's API server directly"))
                .withCheckpointDirectory(Capability.absent("checkpoint storage s3://b is not a directory of this run"))
                .withNetworkChaos(chaosMesh ? Capability.of(chaos) : Capability.absent("Chaos Mesh is not installed in this cluster"));
    }

    private static FaultProxy proxy() {
        return proxy;
    }

    private static Class<?> route(FaultKind kind, Capabilities target) {
        return FaultActions.route(Fault.of(kind, kind == FaultKind.JOBMANAGER_KILL ? Role.JOBMANAGER : Role.TASKMANAGER,
                Duration.ofSeconds(1)), target).getClass();
    }

    private static String notApplicable(FaultKind kind, Capabilities target) {
        return assertThrows(NotApplicable.class, () -> route(kind, target)).getMessage();
    }

    @Test
    void standaloneKillsAndFreezesProcessesAndSaysWhyTheRestDoesNotApply() {
        assertEquals(ProcessKill.class, route(FaultKind.TASKMANAGER_KILL, standalone()));
        assertEquals(Freeze.class, route(FaultKind.FREEZE, standalone()));
        assertEquals(StorageCut.class, route(FaultKind.CHECKPOINT_STORAGE_OUTAGE, standalone()));
        assertEquals("jobmanager-kill is not applicable on standalone: standalone runs without HA",
                notApplicable(FaultKind.JOBMANAGER_KILL, standalone()));
        assertEquals("zookeeper-suspension is not applicable on standalone: standalone runs without ZooKeeper (no HA)",
                notApplicable(FaultKind.ZOOKEEPER_SUSPENSION, standalone()));
        assertEquals("apiserver-latency is not applicable on standalone: there is no Kubernetes API server",
                notApplicable(FaultKind.APISERVER_LATENCY, standalone()), "the preferred mechanism's reason, not Chaos Mesh's");
        assertEquals("apiserver-outage is not applicable on standalone: there is no Kubernetes API server",
                notApplicable(FaultKind.APISERVER_OUTAGE, standalone()));
    }

    @Test
    void yarnFailsOverItsJobManagerAndSuspendsZooKeeperThroughItsProxy() {
        assertEquals(ProcessKill.class, route(FaultKind.JOBMANAGER_KILL, yarn()));
        assertEquals(ProxyToxic.class, route(FaultKind.ZOOKEEPER_SUSPENSION, yarn()));
    }

    @Test
    void emulatedPodsAreKilledAsPodsFrozenAsProcessesAndTheApiServerIsProxied() {
        assertEquals(PodKill.class, route(FaultKind.TASKMANAGER_KILL, emulated()));
        assertEquals(PodKill.class, route(FaultKind.JOBMANAGER_KILL, emulated()));
        assertEquals(Freeze.class, route(FaultKind.FREEZE, emulated()));
        assertEquals(ProxyToxic.class, route(FaultKind.APISERVER_LATENCY, emulated()));
        assertEquals(ProxyToxic.class, route(FaultKind.APISERVER_OUTAGE, emulated()));
        assertTrue(notApplicable(FaultKind.ZOOKEEPER_SUSPENSION, emulated()).endsWith("Kubernetes HA, not ZooKeeper"));
    }

    @Test
    void partitionsCutSocketsWhereProcessesAreLocalElseNeedChaosMesh() {
        java.util.Optional<String> iptables = ProcessPartition.unavailable();
        if (iptables.isEmpty()) {
            assertEquals(SocketPartition.class, route(FaultKind.PARTITION, standalone()));
            assertEquals(SocketPartition.class, route(FaultKind.PARTITION, emulated()));
        } else {
            assertTrue(notApplicable(FaultKind.PARTITION, standalone()).endsWith(iptables.get()));
        }
        assertEquals(ChaosPartition.class, route(FaultKind.PARTITION, remote(true)));
        assertEquals("partition is not applicable on kubeconfig: a TaskManager <-> JobManager partition is a Chaos Mesh "
                + "NetworkChaos on a cluster whose pods run elsewhere, and Chaos Mesh is not installed in this cluster",
                notApplicable(FaultKind.PARTITION, remote(false)));
    }

    @Test
    void aRemoteClusterDelaysTheApiServerOnlyWithChaosMeshAndCannotBeFrozenOrCutHere() {
        assertEquals(ChaosApiServerDelay.class, route(FaultKind.APISERVER_LATENCY, remote(true)));
        assertTrue(notApplicable(FaultKind.APISERVER_LATENCY, remote(false)).contains("Chaos Mesh is not installed"));
        assertTrue(notApplicable(FaultKind.APISERVER_OUTAGE, remote(true)).endsWith("reaches this cluster's API server directly"));
        assertTrue(notApplicable(FaultKind.FREEZE, remote(true)).endsWith("do not run on this machine"));
        assertTrue(notApplicable(FaultKind.CHECKPOINT_STORAGE_OUTAGE, remote(true)).contains("s3://b"));
        assertEquals(PodKill.class, route(FaultKind.JOBMANAGER_KILL, remote(false)));
    }

    @Test
    void everyKindHasAnActionAndCapabilitiesAreResolvedOnlyWhenAsked() {
        for (FaultKind kind : FaultKind.values()) {
            assertTrue(FaultActions.catalogue().stream().anyMatch(a -> a.kinds().contains(kind)), kind + " has no action");
        }
        AtomicInteger lookups = new AtomicInteger();
        Capabilities lazy = emulated().withNetworkChaos(Capability.lazy(() -> {
            lookups.incrementAndGet();
            return Capability.absent("Chaos Mesh is not installed in this cluster");
        }));
        assertEquals(PodKill.class, route(FaultKind.TASKMANAGER_KILL, lazy));
        assertEquals(0, lookups.get(), "a pod kill needs no Chaos Mesh look-up");
    }
}
