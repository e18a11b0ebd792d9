package io.flinkcertify.harness.fault;

import io.flinkcertify.harness.targets.Instance;

import java.time.Duration;

/** A target capability: Chaos Mesh NetworkChaos on the run's pods (clusters whose pods run elsewhere). */
public interface NetworkChaos {

    /** TaskManager <-> JobManager, both ways, for the fault's duration. */
    Injection partition(Fault fault, Instance victim, Instance peer);

    /** A delay on the JobManager's traffic towards the API server (the path a harness proxy cannot sit on). */
    Injection delayTowardsApiServer(Fault fault, Instance jobManager, Duration latency, Duration jitter);
}
