package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;

import java.util.Set;

/** TaskManager <-> JobManager as a Chaos Mesh NetworkChaos, for clusters whose pods run elsewhere. */
public final class ChaosPartition implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.PARTITION);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        if (!target.pods().present()) {
            return Fit.notHere(target.pods().whyNot());
        }
        return target.networkChaos().present() ? Fit.HANDLES
                : Fit.cannot("a TaskManager <-> JobManager partition is a Chaos Mesh NetworkChaos on a cluster whose "
                        + "pods run elsewhere, and " + target.networkChaos().whyNot());
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        Instance victim = target.victim(fault, i -> true);
        Role other = fault.role() == Role.JOBMANAGER ? Role.TASKMANAGER : Role.JOBMANAGER;
        Instance peer = target.instances().get().stream().filter(i -> i.role() == other).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + other + " pod to partition " + victim.id() + " from"));
        return target.networkChaos().value().orElseThrow().partition(fault, victim, peer);
    }
}
