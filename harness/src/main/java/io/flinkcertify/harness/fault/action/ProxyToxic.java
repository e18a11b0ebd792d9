package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Capability;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.fault.proxy.Direction;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.fault.proxy.Toxic;
import io.flinkcertify.harness.fault.proxy.ToxicHandle;
import io.flinkcertify.harness.probe.JobManagerLog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A toxic on a harness proxy in a client path: ZooKeeper suspension on the ZooKeeper path, API-server latency and
 * outage on the API-server path, Kafka broker outage and latency on the jobs' path to the embedded broker. The proxy measures what it did; the JobManager's log says how Flink's HA reacted.
 */
public final class ProxyToxic implements FaultAction {

    /** ZooKeeper suspension: {@code reset} (connections refused and reset: Curator sees SUSPENDED at once) or {@code blackhole}. */
    public static final String VARIANT = "variant";
    /** API-server latency: mean added delay and jitter, in milliseconds. */
    public static final String LATENCY_MS = "latencyMs";
    public static final String JITTER_MS = "jitterMs";

    /** Evidence names of one path: what the toxic is, the proxy, and what the JobManager logged. */
    private record PathEvidence(String toxicKey, String proxyKey, String whileKey, String sawKey,
                                Map<String, Pattern> events) {}

    private static final PathEvidence ZOOKEEPER = new PathEvidence("variant", "relay", "relayWhileSuspended",
            "jobManagerSawWhileSuspended", JobManagerLog.ZOOKEEPER);
    private static final PathEvidence API_SERVER = new PathEvidence("toxic", "proxy", "proxyWhileActive",
            "jobManagerSawWhileActive", JobManagerLog.KUBERNETES);
    private static final PathEvidence KAFKA = new PathEvidence("toxic", "proxy", "proxyWhileActive",
            "jobManagerSawWhileActive", JobManagerLog.KAFKA);

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.ZOOKEEPER_SUSPENSION, FaultKind.APISERVER_LATENCY, FaultKind.APISERVER_OUTAGE,
                FaultKind.KAFKA_OUTAGE, FaultKind.KAFKA_LATENCY);
    }

    private static Capability<FaultProxy> path(Fault fault, Capabilities target) {
        return fault.kind() == FaultKind.ZOOKEEPER_SUSPENSION ? target.zookeeperPath()
                : fault.kind().onKafka() ? target.kafkaPath() : target.apiServerPath();
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        Capability<FaultProxy> path = path(fault, target);
        return path.present() ? Fit.HANDLES : Fit.notHere(path.whyNot());
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        FaultProxy proxy = path(fault, target).value().orElseThrow();
        boolean zookeeper = fault.kind() == FaultKind.ZOOKEEPER_SUSPENSION;
        PathEvidence names = zookeeper ? ZOOKEEPER : fault.kind().onKafka() ? KAFKA : API_SERVER;
        Toxic toxic = switch (fault.kind()) {
            case ZOOKEEPER_SUSPENSION -> suspension(fault);
            case APISERVER_LATENCY, KAFKA_LATENCY -> new Toxic.Latency(latency(fault), jitter(fault), Direction.DOWNSTREAM);
            default -> new Toxic.Outage();
        };
        JobManagerLog log = JobManagerLog.from(target.jobManagerLog().get(), target.jobManagerLog());
        proxy.resetStats();
        ToxicHandle handle = proxy.add(toxic);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(names.toxicKey(), zookeeper ? fault.parameters().getOrDefault(VARIANT, "reset") : toxic.toString());
        evidence.put(names.proxyKey(), proxy.toString());
        java.util.concurrent.atomic.AtomicReference<java.util.OptionalLong> revoked =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.OptionalLong.empty());
        return new RevertibleInjection(fault, evidence, () -> {
            handle.close();
            evidence.put(names.whileKey(), proxy.stats().toEvidence());
            evidence.put(names.sawKey(), log.events(names.events()));
            revoked.set(log.count(JobManagerLog.LEADERSHIP_REVOKED));
        }, () -> Map.of("jobManagerSawUntilRecovered", log.events(names.events()))).measuringLeadership(
                // Kubernetes HA's leadership is measured from its leader lock (RecoveryOracle); counting its log
                // too would count the same change twice
                zookeeper ? revoked::get : java.util.OptionalLong::empty);
    }

    private static Toxic suspension(Fault fault) {
        String variant = fault.parameters().getOrDefault(VARIANT, "reset");
        return switch (variant) {
            case "reset" -> new Toxic.Reset();
            case "blackhole" -> new Toxic.Blackhole(Direction.BOTH);
            default -> throw new IllegalArgumentException("zookeeper-suspension variant must be reset or blackhole, not " + variant);
        };
    }

    static Duration latency(Fault fault) {
        return millis(fault, LATENCY_MS, 2000);
    }

    static Duration jitter(Fault fault) {
        return millis(fault, JITTER_MS, 0);
    }

    private static Duration millis(Fault fault, String key, long defaultMs) {
        return Duration.ofMillis(Long.parseLong(fault.parameters().getOrDefault(key, Long.toString(defaultMs))));
    }
}
