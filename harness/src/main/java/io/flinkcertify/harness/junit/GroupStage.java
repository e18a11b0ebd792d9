package io.flinkcertify.harness.junit;

import io.flinkcertify.harness.record.RecordFile;
import io.flinkcertify.harness.record.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.flinkcertify.harness.plan.CheckStage;
import io.flinkcertify.harness.plan.PlannedGroup;
import io.flinkcertify.harness.run.CapacitySearches;
import io.flinkcertify.harness.run.CapacityTrials;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.MigrationRehearsal;
import io.flinkcertify.harness.run.TuningComparison;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * The stage of one planned group's checks. Its deployment is created on the first check that needs it, so a group
 * whose checks never run (skipped, filtered) starts and registers nothing; closing the stage ends that deployment.
 * It is a value of its dynamic container's JUnit store, which JUnit closes when the container's tests are done
 * (JUnit 5.10 closes only {@link ExtensionContext.Store.CloseableResource} values; AutoCloseable ones from 5.13).
 */
final class GroupStage implements CheckStage, AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final PlannedGroup group;
    private final CertifyContext ctx;
    private final Supplier<MigrationRehearsal> rehearsal;
    private final Supplier<TuningComparison> comparison;
    private final CapacitySearches capacitySearches;
    private JobRun deployment;
    /** One per group: its fault-free reference runs serve every differential check of the group. */
    private MigrationRehearsal groupRehearsal;

    GroupStage(PlannedGroup group, CertifyContext ctx, Supplier<MigrationRehearsal> rehearsal,
               Supplier<TuningComparison> comparison, CapacitySearches capacitySearches) {
        this.group = group;
        this.ctx = ctx;
        this.rehearsal = rehearsal;
        this.comparison = comparison;
        this.capacitySearches = capacitySearches;
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
            // the fault proxy sits on a job's Kafka path only where a Kafka fault of the group needs it: elsewhere
            // (integration checks, performance trials) it would be measured with the platform
            boolean kafkaFault = group.checks().stream().anyMatch(c -> c.action() instanceof io.flinkcertify.harness.plan.CheckAction.Inject inject
                    && inject.fault().kind().onKafka());
            if (kafkaFault) {
                deployment.withKafkaFaultPath();
            }
        }
        return deployment;
    }

    @Override
    public synchronized MigrationRehearsal rehearsal() {
        if (groupRehearsal == null) {
            groupRehearsal = rehearsal.get().drawingOn(this::records);
        }
        return groupRehearsal;
    }

    @Override
    public TuningComparison comparison() {
        return comparison.get();
    }

    @Override
    public CapacityTrials capacity() {
        return new CapacityTrials(ctx.targetOptions(), ctx.settings().out());
    }

    @Override
    public CapacitySearches capacitySearches() {
        return capacitySearches;
    }

    @Override
    public Path out() {
        return ctx.settings().out();
    }

    @Override
    public List<RunRecord> records(String target) {
        Path file = RecordFile.folder(ctx.settings().out(), group.job().id(), target).resolve(RecordFile.NAME);
        return Files.exists(file) ? RecordFile.read(file).runs() : List.of();
    }

    @Override
    public synchronized void close() {
        if (deployment != null) {
            JobRun run = deployment;
            deployment = null; // closed once, whoever closes first
            run.close();
        }
    }
}
