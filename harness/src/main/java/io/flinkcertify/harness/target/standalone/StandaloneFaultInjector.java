package io.flinkcertify.harness.target.standalone;

import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultInjector;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.NotApplicable;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.fault.Signals;
import io.flinkcertify.harness.target.Instance;

import java.util.LinkedHashMap;
import java.util.List;
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
            case PARTITION -> throw notApplicable(fault, "all standalone instances share 127.0.0.1, so no rule can separate them");
            case CHECKPOINT_STORAGE_OUTAGE -> throw notApplicable(fault, "checkpoints go to the local file system here, "
                    + "which cannot be cut without cutting the processes themselves");
        };
    }

    private Injection killTaskManager(Fault fault) {
        Instance victim = pick(fault);
        long killedAt = System.currentTimeMillis();
        target.kill(victim.id());
        boolean gone = ProcessHandle.of(victim.pid()).map(p -> !p.isAlive()).orElse(true);
        String replacement = target.startTaskManager();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("victim", victim.id());
        evidence.put("victimPid", victim.pid());
        evidence.put("signal", "SIGKILL");
        evidence.put("victimGone", gone);
        evidence.put("replacement", replacement);
        evidence.put("killedAtMillis", killedAt);
        return new RevertibleInjection(fault, evidence, () -> { }); // a kill has nothing to revert
    }

    private Injection freeze(Fault fault) {
        Instance victim = pick(fault);
        Signals.stop(victim.pid());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("victim", victim.id());
        evidence.put("victimPid", victim.pid());
        evidence.put("signal", "SIGSTOP");
        evidence.put("processStateWhileFrozen", Signals.state(victim.pid()));
        return new RevertibleInjection(fault, evidence, () -> {
            Signals.resume(victim.pid());
            evidence.put("processStateAfterResume", Signals.state(victim.pid()));
        });
    }

    private Instance pick(Fault fault) {
        List<Instance> candidates = target.instances().stream().filter(i -> i.role() == fault.role()).toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no live " + fault.role() + " to aim " + fault.describe() + " at");
        }
        return candidates.get(Math.floorMod(fault.instance(), candidates.size()));
    }

    private NotApplicable notApplicable(Fault fault, String reason) {
        return new NotApplicable(fault.kind(), StandaloneTarget.KIND, reason);
    }
}
