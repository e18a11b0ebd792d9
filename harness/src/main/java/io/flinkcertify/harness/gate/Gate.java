package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.Change;
import io.flinkcertify.harness.metric.ChangeDetector;
import io.flinkcertify.harness.metric.DetectorSettings;
import io.flinkcertify.harness.metric.MetricSamples;
import io.flinkcertify.harness.metric.Regression;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gate after the checks: metric samples against the baseline (recorded when asked), a health score and
 * advice per job, and the batch's gate. The one entry point the CLI and the suites call.
 */
public final class Gate {

    /**
     * @param changes  every metric's change against its baseline (empty without a baseline)
     * @param recorded the baseline files this run appended to
     */
    public record Outcome(List<JobAssessment> jobs, BatchGate batch, List<Change> changes, List<Path> recorded) {}

    private final Policy policy;
    private final Optional<BaselineStore> baseline;
    private final boolean recordBaseline;
    private final ChangeDetector detector;

    public Gate(Policy policy, Optional<BaselineStore> baseline, boolean recordBaseline) {
        this.policy = policy;
        this.baseline = baseline;
        this.recordBaseline = recordBaseline;
        this.detector = new ChangeDetector(DetectorSettings.DEFAULTS);
    }

    /**
     * @param samples     this run's metric samples (the performance suite's; empty until it supplies them)
     * @param performance Kubernetes against YARN per metric (empty until the performance suite supplies them)
     */
    public Outcome judge(List<String> jobs, List<CheckResult> results, List<MetricSamples> samples,
                         List<Change> performance, String runId, Instant time) {
        return judge(jobs, results, samples, performance, runId, time, check -> List.of());
    }

    /** @param logLines the JobManager log lines behind a failed check, for its diagnosis */
    public Outcome judge(List<String> jobs, List<CheckResult> results, List<MetricSamples> samples,
                         List<Change> performance, String runId, Instant time,
                         Function<CheckResult, List<String>> logLines) {
        Regression.Outcome regression = baseline
                .map(store -> new Regression(store, detector).compareAndRecord(samples, recordBaseline, runId, time))
                .orElse(new Regression.Outcome(List.of(), List.of()));
        HealthScore health = new HealthScore(policy);
        List<JobAssessment> assessed = jobs.stream()
                .map(job -> health.assess(job, results, regression.changes(), performance)
                        .withDiagnoses(diagnoses(job, results, logLines))).toList();
        return new Outcome(assessed, BatchGate.decide(assessed, policy), regression.changes(), regression.recorded());
    }

    /** The job's own failures only: an environment error is the target's, not the job's, and is not diagnosed. */
    private static List<Diagnosis> diagnoses(String job, List<CheckResult> results,
                                             Function<CheckResult, List<String>> logLines) {
        return results.stream().filter(r -> job.equals(r.job()) && r.status() == CheckStatus.FAILED && !r.isEnvironmentError())
                .map(r -> DiagnosisRules.diagnose(r, logLines.apply(r))).toList();
    }
}
