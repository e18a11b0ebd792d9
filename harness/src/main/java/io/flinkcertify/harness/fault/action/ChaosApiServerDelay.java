package io.flinkcertify.harness.fault.action;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Fault;
import io.flinkcertify.harness.fault.FaultAction;
import io.flinkcertify.harness.fault.FaultKind;
import io.flinkcertify.harness.fault.Injection;
import io.flinkcertify.harness.targets.Role;

import java.util.Set;

/**
 * API-server latency where no harness proxy sits on Flink's path (a real cluster): a Chaos Mesh delay on the
 * JobManager pod's traffic to the API server. The delay actually applied is not measured on this path.
 */
public final class ChaosApiServerDelay implements FaultAction {

    @Override
    public Set<FaultKind> kinds() {
        return Set.of(FaultKind.APISERVER_LATENCY);
    }

    @Override
    public Fit fit(Fault fault, Capabilities target) {
        if (!target.pods().present()) {
            return Fit.notHere(target.pods().whyNot());
        }
        return target.networkChaos().present() ? Fit.HANDLES
                : Fit.cannot(target.apiServerPath().whyNot() + ", and " + target.networkChaos().whyNot()
                        + ", so there is no way to delay that path");
    }

    @Override
    public Injection inject(Fault fault, Capabilities target) {
        Fault atJobManager = new Fault(fault.kind(), Role.JOBMANAGER, 0, fault.start(), fault.duration(), fault.parameters());
        return target.networkChaos().value().orElseThrow().delayTowardsApiServer(fault,
                target.victim(atJobManager, i -> true), ProxyToxic.latency(fault), ProxyToxic.jitter(fault));
    }
}
