package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.workload.Batch;

import java.util.List;

/** A suite's plan function: pure, so the dry run may call it without starting anything. */
@FunctionalInterface
public interface SuitePlanner {
    SuitePlan plan(Batch batch, List<String> targets, long seed);
}
