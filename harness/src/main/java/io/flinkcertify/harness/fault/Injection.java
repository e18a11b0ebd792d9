package io.flinkcertify.harness.fault;

import java.util.Map;

/**
 * A fault in effect. {@link #close()} reverts it (idempotent) and is registered for teardown the moment the fault
 * is injected, so no failing check ever leaves a frozen process or a cut connection behind.
 */
public interface Injection extends AutoCloseable {

    /** Measured proof that the fault took effect (victim, pids, times), and after revert, what revert did. */
    Map<String, Object> evidence();

    /**
     * Evidence only visible once the job has recovered (how the system reacted after the fault was reverted, such as
     * the ZooKeeper client reconnecting). Read after {@link #close()}.
     */
    default Map<String, Object> afterRecovery() {
        return Map.of();
    }

    /**
     * Leadership revocations the JobManager logged while the fault was in effect, where the action reads the
     * JobManager's log (faults on the HA service's path); empty where nothing was read. Read after {@link #close()}.
     */
    default java.util.OptionalLong leadershipRevoked() {
        return java.util.OptionalLong.empty();
    }

    @Override
    void close();
}
