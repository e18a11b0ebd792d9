package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.LocalProcesses;
import io.flinkcertify.harness.fault.ProcessFaults;
import io.flinkcertify.harness.fault.RevertibleInjection;
import io.flinkcertify.harness.targets.Instance;

import java.util.Map;
import java.util.Set;

/** SIGKILL of a local process, as a crash or the OOM killer would; the target says what replaces it. */
public final class ProcessKill implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.TASKMANAGER_KILL, FaultKind.JOBMANAGER_KILL);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        if (!target.processes().present()) {
            return Fit.notHere(target.processes().whyNot());
        }
        if (fault.kind() == FaultKind.JOBMANAGER_KILL && !target.jobManagerFailover().present()) {
            return Fit.cannot(target.jobManagerFailover().whyNot());
        }
        return Fit.HANDLES;
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        LocalProcesses processes = target.processes().value().orElseThrow();
        Instance victim = target.victim(fault, i -> i.pid() > 0);
        Map<String, Object> evidence = ProcessFaults.kill(victim);
        evidence.putAll(processes.afterKill(victim));
        return new RevertibleInjection(fault, evidence, () -> { }); // a kill has nothing to revert
    }
}
