package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.harness.workload.Batch;

import java.util.List;

/**
 * A suite's plan function: pure, so the dry run may call it without starting anything. It reads the run's own
 * settings (seed, trials, the faults chosen), so the dry run shows what the run will do, not the defaults.
 */
@FunctionalInterface
public interface SuitePlanner {
    SuitePlan plan(Batch batch, List<String> targets, RunSettings settings);
}
