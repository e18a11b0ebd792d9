package io.flinkcertify.harness.targets;

import io.flinkcertify.harness.rest.FlinkRest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * A place where Flink runs, started and torn down by the harness. Suites talk to every kind through this
 * interface only; what differs per kind (processes, YARN containers, pods) stays behind it.
 */
public interface Target extends AutoCloseable {

    /** The kind, as users name it on the command line: standalone, yarn-mini, k8s-emulated, ... */
    String kind();

    /** Brings the cluster up and waits until it can accept jobs. Throws {@link TargetException} if it cannot. */
    void start();

    /** The Flink REST API of the (session) cluster. */
    FlinkRest rest();

    /** The instances faults can aim at, as they are now. */
    List<Instance> instances();

    /** Submits a job and returns its id. */
    String submit(JobSubmission submission);

    /** Measured facts about the target itself (addresses, versions, start-up timings), for evidence. */
    Map<String, Object> facts();

    /**
     * What fault actions can use on this target, each capability present or absent with the reason: which faults
     * apply here is computed from these ({@link io.flinkcertify.harness.fault.FaultActions}), never written per target.
     */
    io.flinkcertify.harness.fault.Capabilities capabilities();

    /** Where the target's process logs are on this machine, if anywhere (kept in the report when a check fails). */
    Optional<Path> logDir();

    /**
     * The HA leader election this target can observe, if any (Kubernetes HA: the leader ConfigMap). Targets whose
     * HA service cannot be read say so by returning empty: evidence about leadership is then absent, never 0.
     */
    default Optional<LeaderElection> leaderElection() {
        return Optional.empty();
    }

    /** Stops everything the target started. Idempotent; never throws for an already stopped target. */
    @Override
    void close();
}
