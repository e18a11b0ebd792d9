package io.flinkcertify.harness.targets;

import java.util.Optional;

/**
 * A target capability: who holds the JobManager leadership now, read from the HA service itself (on Kubernetes, the
 * holder of the leader ConfigMap's lock), so a fault's effect on leadership is measured, not inferred from logs.
 */
@FunctionalInterface
public interface LeaderElection {

    /** The current holder's identity, or empty when nobody holds it (or it cannot be read right now). */
    Optional<String> holder();
}
