package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.workload.Workload;

import java.util.List;

/**
 * The checks a suite runs together, in order, under one name (a JUnit dynamic container). When {@code deployment}
 * holds, they are the phases of one deployment of the job on the target, which lives as long as the group.
 *
 * @param factory the suite's test factory the group belongs to (its display name)
 */
public record PlannedGroup(String factory, String name, Workload job, String target, boolean deployment,
                           List<PlannedCheck> checks) {

    public PlannedGroup {
        checks = List.copyOf(checks);
        if (!deployment && checks.stream().anyMatch(c -> c.action().onDeployment())) {
            throw new IllegalArgumentException(name + ": a check that works on a deployment needs a group with one");
        }
    }
}
