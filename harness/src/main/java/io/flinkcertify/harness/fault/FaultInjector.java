package io.flinkcertify.harness.fault;

/** Turns faults into action on one target, and back. */
public interface FaultInjector {

    /**
     * Injects the fault now. Throws {@link NotApplicable} for kinds this target cannot do.
     * The returned injection is already registered for teardown.
     */
    Injection inject(Fault fault);
}
