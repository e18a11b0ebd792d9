package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.record.RunRecord;
import java.util.List;

import io.flinkcertify.harness.run.CapacitySearches;
import io.flinkcertify.harness.run.CapacityTrials;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.run.MigrationRehearsal;
import io.flinkcertify.harness.run.TuningComparison;
import io.flinkcertify.harness.workload.Workload;

/** What a check's action runs on: its job, its group's deployment, or the harness's cross-run procedures. */
public interface CheckStage {

    Workload job();

    /** The group's one deployment of the job, created on first use and owned by the group's test scope. */
    JobRun deployment();

    MigrationRehearsal rehearsal();

    TuningComparison comparison();

    /** Capacity searches: fresh deployments of the job at offered rates. */
    CapacityTrials capacity();

    /** The certification's capacity searches, which run a job's searches on all its targets in turn. */
    CapacitySearches capacitySearches();

    /** The certification's output folder, for files a check hands to the user (OUT). */
    java.nio.file.Path out();

    /** The runs of the stage's job on {@code target} recorded so far in this certification (its run records). */
    List<RunRecord> records(String target);
}
