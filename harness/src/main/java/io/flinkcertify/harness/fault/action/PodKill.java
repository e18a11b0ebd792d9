package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;

import java.util.Set;

/**
 * A pod killed with grace period 0 (through Chaos Mesh where installed): the Deployment or Flink's ResourceManager
 * brings the replacement. Preferred over a process kill wherever instances are pods, even local ones, because that is
 * what a node failure or an eviction does to a Kubernetes deployment.
 */
public final class PodKill implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.TASKMANAGER_KILL, FaultKind.JOBMANAGER_KILL);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        return target.pods().present() ? Fit.HANDLES : Fit.notHere(target.pods().whyNot());
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        return target.pods().value().orElseThrow().kill(fault, target.victim(fault, i -> true));
    }
}
