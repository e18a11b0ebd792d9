package io.flinkcertify.harness.targets.yarn;

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
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults on {@code yarn-mini}. Kills and freezes act on container processes; replacing a killed container is
 * YARN's and Flink's business (a new TaskManager container, or a new application attempt for the JobManager),
 * which is exactly what the check observes. ZooKeeper suspension goes through the target's relay.
 */
final class YarnFaultInjector implements FaultInjector {

    /** Fault parameter: {@code reset} (connections refused and reset: Curator sees SUSPENDED at once) or {@code blackhole}. */
    static final String VARIANT = "variant";

    private final YarnMiniTarget target;

    YarnFaultInjector(YarnMiniTarget target) {
        this.target = target;
    }

    @Override
    public Injection inject(Fault fault) {
        return switch (fault.kind()) {
            case TASKMANAGER_KILL, JOBMANAGER_KILL -> kill(fault);
            case FREEZE -> ProcessFaults.freeze(fault, ProcessFaults.pick(target.instances(), fault));
            case ZOOKEEPER_SUSPENSION -> suspendZooKeeper(fault);
            case APISERVER_LATENCY, APISERVER_OUTAGE -> throw notApplicable(fault, "YARN has no Kubernetes API server");
            case PARTITION -> ProcessFaults.partition(fault, target.instances(), YarnMiniTarget.KIND);
            case CHECKPOINT_STORAGE_OUTAGE -> StorageOutage.cut(fault, target.checkpointDir());
        };
    }

    private Injection kill(Fault fault) {
        Instance victim = ProcessFaults.pick(target.instances(), fault);
        Map<String, Object> evidence = ProcessFaults.kill(victim);
        evidence.put("replacedBy", fault.role() == Role.JOBMANAGER
                ? "a new YARN application attempt (HA restores the job)" : "a new container Flink requests from YARN");
        return new RevertibleInjection(fault, evidence, () -> { }); // a kill has nothing to revert
    }

    private Injection suspendZooKeeper(Fault fault) {
        FaultProxy relay = target.zookeeperRelay();
        String variant = fault.parameters().getOrDefault(VARIANT, "reset");
        Toxic toxic = switch (variant) {
            case "reset" -> new Toxic.Reset();
            case "blackhole" -> new Toxic.Blackhole(Direction.BOTH);
            default -> throw new IllegalArgumentException("zookeeper-suspension variant must be reset or blackhole, not " + variant);
        };
        JobManagerLog log = JobManagerLog.from(target.jobManagerLog(), target::jobManagerLog);
        relay.resetStats();
        ToxicHandle handle = relay.add(toxic);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("variant", variant);
        evidence.put("relay", relay.toString());
        return new RevertibleInjection(fault, evidence, () -> {
            handle.close();
            evidence.put("relayWhileSuspended", relay.stats().toEvidence());
            evidence.put("jobManagerSawWhileSuspended", log.zookeeperEvents());
        }, () -> Map.of("jobManagerSawUntilRecovered", log.zookeeperEvents()));
    }

    private NotApplicable notApplicable(Fault fault, String reason) {
        return new NotApplicable(fault.kind(), YarnMiniTarget.KIND, reason);
    }
}
