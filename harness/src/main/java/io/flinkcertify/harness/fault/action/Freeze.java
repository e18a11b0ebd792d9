package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.ProcessFaults;

import java.util.Set;

/** SIGSTOP now, SIGCONT on revert: a GC-pause-like freeze of a local process. */
public final class Freeze implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.FREEZE);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        return target.processes().present() ? Fit.HANDLES : Fit.notHere(target.processes().whyNot());
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        return ProcessFaults.freeze(fault, target.victim(fault, i -> i.pid() > 0));
    }
}
