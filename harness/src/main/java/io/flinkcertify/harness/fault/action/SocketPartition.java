package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.ProcessFaults;
import io.flinkcertify.harness.fault.ProcessPartition;

import java.util.Optional;
import java.util.Set;

/** TaskManager <-> JobManager cut on this machine: net_cls-tagged sockets, conntrack marks, iptables. */
public final class SocketPartition implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.PARTITION);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        if (!target.processes().present()) {
            return Fit.notHere(target.processes().whyNot());
        }
        Optional<String> unavailable = ProcessPartition.unavailable();
        return unavailable.isPresent() ? Fit.cannot(unavailable.get()) : Fit.HANDLES;
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        return ProcessFaults.partition(fault, target.instances().get(), target.target());
    }
}
