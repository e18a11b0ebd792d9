package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.fault.StorageOutage;

import java.util.Set;

/** The run's own checkpoint directory cut for the fault's duration. */
public final class StorageCut implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.CHECKPOINT_STORAGE_OUTAGE);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        return target.checkpointDirectory().present() ? Fit.HANDLES : Fit.notHere(target.checkpointDirectory().whyNot());
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        return StorageOutage.cut(fault, target.checkpointDirectory().value().orElseThrow());
    }
}
