package io.flinkcertify.harness.fault;

import java.util.Set;

/**
 * A small nemesis: carries out faults of some kinds on one mechanism (signals, pods, a proxy, iptables, Chaos Mesh)
 * and says, from a target's capabilities alone, whether it can.
 */
public interface FaultAction {

    /** How an action fits a fault on a target. */
    sealed interface Fit {
        /** It can carry the fault out here. */
        record Handles() implements Fit {}

        /** Its mechanism exists here but this fault cannot be done with it (the reason is the verdict's). */
        record Cannot(String reason) implements Fit {}

        /** Its mechanism does not exist here (the reason is used only when no action of the kind has one). */
        record NotHere(String reason) implements Fit {}

        Fit HANDLES = new Handles();

        static Fit cannot(String reason) {
            return new Cannot(reason);
        }

        static Fit notHere(String reason) {
            return new NotHere(reason);
        }
    }

    Set<FaultKind> kinds();

    Fit fit(Fault fault, Capabilities target);

    /** Injects the fault; only called after {@link #fit} said {@link Fit.Handles}. */
    Injection inject(Fault fault, Capabilities target);
}
