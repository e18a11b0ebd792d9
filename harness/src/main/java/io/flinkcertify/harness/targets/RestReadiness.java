package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.rest.FlinkRest;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a JobManager's REST API to answer, which is when a Flink cluster can take jobs. Each target words its
 * own failure (where its logs are differs), so this throws the {@link WaitTimeout} for the caller to explain.
 */
public final class RestReadiness {

    /** Waits for "JobManager REST at" the endpoint; {@code hopeless} ends the wait early with a reason. */
    public static void await(FlinkRest rest, Duration timeout, Supplier<Optional<String>> hopeless) throws WaitTimeout {
        await("JobManager REST at " + rest.endpoint(), rest, timeout, hopeless);
    }

    public static void await(String what, FlinkRest rest, Duration timeout, Supplier<Optional<String>> hopeless)
            throws WaitTimeout {
        Waits.until(what, timeout, rest::reachable, up -> up, up -> hopeless.get());
    }

    /**
     * Waits until {@code expected} TaskManagers have registered with the JobManager: a cluster whose workers are
     * up takes a job in the time scheduling takes, so submit -> RUNNING compares targets, not worker start-up.
     */
    public static void awaitTaskManagers(String what, FlinkRest rest, int expected, Duration timeout,
                                         Supplier<Optional<String>> hopeless) throws WaitTimeout {
        Waits.until(expected + " registered TaskManager(s) of " + what, timeout,
                () -> rest.get("/overview").path("taskmanagers").asInt(), n -> n >= expected, n -> hopeless.get());
    }

    /** A wait nothing can cut short. */
    public static Optional<String> neverHopeless() {
        return Optional.empty();
    }

    private RestReadiness() {}
}
