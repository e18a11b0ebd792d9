package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.lifecycle.Teardown;

import java.util.Map;

/**
 * The one way injectors hand out an {@link Injection}: registered in the JVM-wide teardown at creation, reverted
 * exactly once by whichever comes first, the check closing it or teardown (failed test, killed harness).
 */
public final class RevertibleInjection implements Injection {

    private final Map<String, Object> evidence;
    private final Teardown.Registration registration;
    private final java.util.function.Supplier<Map<String, Object>> afterRecovery;
    private java.util.function.Supplier<java.util.OptionalLong> leadershipRevoked = java.util.OptionalLong::empty;

    public RevertibleInjection(Fault fault, Map<String, Object> evidence, Runnable revert) {
        this(fault, evidence, revert, Map::of);
    }

    public RevertibleInjection(Fault fault, Map<String, Object> evidence, Runnable revert,
                               java.util.function.Supplier<Map<String, Object>> afterRecovery) {
        this.evidence = evidence;
        this.afterRecovery = afterRecovery;
        this.registration = Teardown.global().register("fault " + fault.describe(), revert::run);
    }

    @Override
    public Map<String, Object> afterRecovery() {
        return afterRecovery.get();
    }

    /** This injection, reporting the JobManager's leadership revocations as {@code revoked} measures them. */
    public RevertibleInjection measuringLeadership(java.util.function.Supplier<java.util.OptionalLong> revoked) {
        this.leadershipRevoked = revoked;
        return this;
    }

    @Override
    public java.util.OptionalLong leadershipRevoked() {
        return leadershipRevoked.get();
    }

    @Override
    public Map<String, Object> evidence() {
        return evidence;
    }

    /** Reverts an injection whose setup failed part-way; {@code cause} is returned to rethrow, never masked. */
    public RuntimeException abort(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
        return cause;
    }

    @Override
    public void close() {
        try {
            registration.close();
        } catch (Exception e) {
            throw new IllegalStateException("reverting fault failed: " + e.getMessage(), e);
        }
    }
}
