package io.flinkcertify.harness.targets.standalone;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultInjector;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.fault.ProcessFaults;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.fault.StorageOutage;
import io.flinkcertify.harness.targets.Instance;

import java.util.Map;

/**
 * Faults at the process level on {@code standalone}. A killed TaskManager is replaced by the harness, which plays
 * the supervisor (systemd, a YARN NodeManager) that restarts a standalone TaskManager in production.
 */
final class StandaloneFaultInjector implements FaultInjector {

    private final StandaloneTarget target;

    StandaloneFaultInjector(StandaloneTarget target) {
        this.target = target;
    }

    @Override
    public Injection inject(Fault fault) {
        return switch (fault.kind()) {
            case TASKMANAGER_KILL -> killTaskManager(fault);
            case FREEZE -> freeze(fault);
            case JOBMANAGER_KILL -> throw notApplicable(fault, "standalone runs without HA: a killed JobManager takes its jobs "
                    + "with it; JobManager failover is certified on yarn-mini and k8s-emulated");
            case ZOOKEEPER_SUSPENSION -> throw notApplicable(fault, "standalone runs without ZooKeeper (no HA)");
            case APISERVER_LATENCY, APISERVER_OUTAGE -> throw notApplicable(fault, "there is no Kubernetes API server");
            case PARTITION -> ProcessFaults.partition(fault, target.instances(), StandaloneTarget.KIND);
            case CHECKPOINT_STORAGE_OUTAGE -> StorageOutage.cut(fault, target.checkpointDir());
        };
    }

    private Injection killTaskManager(Fault fault) {
        Instance victim = ProcessFaults.pick(target.instances(), fault);
        Map<String, Object> evidence = ProcessFaults.kill(victim);
        target.kill(victim.id()); // the harness's own handle: reaps the process and stops counting it as live
        evidence.put("replacement", target.startTaskManager());
        return new RevertibleInjection(fault, evidence, () -> { }); // a kill has nothing to revert
    }

    private Injection freeze(Fault fault) {
        return ProcessFaults.freeze(fault, ProcessFaults.pick(target.instances(), fault));
    }

    private NotApplicable notApplicable(Fault fault, String reason) {
        return new NotApplicable(fault.kind(), StandaloneTarget.KIND, reason);
    }
}
