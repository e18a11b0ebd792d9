package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.plan.CheckStage;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.MigrationRehearsal;
import io.flinkcertify.harness.run.TuningComparison;
import io.flinkcertify.harness.workload.Workload;

import java.util.function.Supplier;

/**
 * The stage of one planned group's checks. Its deployment is created on the first check that needs it, so a group
 * whose checks never run (skipped, filtered) starts and registers nothing; closing the stage ends that deployment.
 */
final class GroupStage implements CheckStage, AutoCloseable {

    private final PlannedGroup group;
    private final CertifyContext ctx;
    private final Supplier<MigrationRehearsal> rehearsal;
    private final Supplier<TuningComparison> comparison;
    private JobRun deployment;

    GroupStage(PlannedGroup group, CertifyContext ctx, Supplier<MigrationRehearsal> rehearsal,
               Supplier<TuningComparison> comparison) {
        this.group = group;
        this.ctx = ctx;
        this.rehearsal = rehearsal;
        this.comparison = comparison;
    }

    @Override
    public Workload job() {
        return group.job();
    }

    @Override
    public synchronized JobRun deployment() {
        if (!group.deployment()) {
            throw new IllegalStateException(group.name() + " has no deployment of its own");
        }
        if (deployment == null) {
            deployment = ctx.jobRun(group.job(), group.target());
        }
        return deployment;
    }

    @Override
    public MigrationRehearsal rehearsal() {
        return rehearsal.get();
    }

    @Override
    public TuningComparison comparison() {
        return comparison.get();
    }

    @Override
    public synchronized void close() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
