package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.fault.action.ChaosApiServerDelay;
import io.flinkcertify.harness.fault.action.ChaosPartition;
import io.flinkcertify.harness.fault.action.Freeze;
import io.flinkcertify.harness.fault.action.PodKill;
import io.flinkcertify.harness.fault.action.ProcessKill;
import io.flinkcertify.harness.fault.action.ProxyToxic;
import io.flinkcertify.harness.fault.action.SocketPartition;
import io.flinkcertify.harness.fault.action.StorageCut;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of fault actions and the one place that routes a fault to one of them, from a target's
 * capabilities. Order matters: for a kind, the first action listed is the preferred mechanism. A new fault kind is a
 * {@link FaultKind} line plus an action (or a line in an existing action's kinds).
 */
public final class FaultActions {

    private static final List<FaultAction> CATALOGUE = List.of(
            new PodKill(), new ProcessKill(), new Freeze(), new ProxyToxic(), new SocketPartition(),
            new ChaosPartition(), new ChaosApiServerDelay(), new StorageCut());

    public static List<FaultAction> catalogue() {
        return CATALOGUE;
    }

    /**
     * The action that will carry {@code fault} out on {@code target}, or {@link NotApplicable} with the reason: the
     * first action that cannot do this fault though its mechanism exists here, else why the preferred mechanism is
     * missing.
     */
    public static FaultAction route(Fault fault, Capabilities target) {
        Optional<String> cannot = Optional.empty();
        Optional<String> notHere = Optional.empty();
        for (FaultAction action : CATALOGUE) {
            if (!action.kinds().contains(fault.kind())) {
                continue;
            }
            FaultAction.Fit fit = action.fit(fault, target);
            if (fit instanceof FaultAction.Fit.Handles) {
                return action;
            }
            if (fit instanceof FaultAction.Fit.Cannot c && cannot.isEmpty()) {
                cannot = Optional.of(c.reason());
            }
            if (fit instanceof FaultAction.Fit.NotHere n && notHere.isEmpty()) {
                notHere = Optional.of(n.reason());
            }
        }
        String reason = cannot.isPresent() ? cannot.get()
                : notHere.orElse("no fault action carries out " + fault.kind().label());
        throw new NotApplicable(fault.kind(), target.target(), reason);
    }

    /** Routes and injects; the injection is registered for revert. */
    public static Injection inject(Fault fault, Capabilities target) {
        return route(fault, target).inject(fault, target);
    }

    private FaultActions() {}
}
