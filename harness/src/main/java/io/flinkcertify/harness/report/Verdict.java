package io.flinkcertify.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.flinkcertify.harness.gate.JobAssessment;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch verdict as written to {@code verdict.json}. PASS needs at least one check that passed and none
 * that failed: a run where everything was skipped certified nothing and does not pass.
 *
 * @param shard  the part of the batch this run certified ("2/3", {@code --shard}); absent when it certified all
 * @param shards how many shard runs {@code certify merge} put together into this verdict; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(String batch, Outcome verdict, String flinkVersion, long seed, String runId, List<String> reasons,
                      Map<String, Long> counts, List<JobChecks> jobs, String shard, Integer shards) {

    /** The batch's verdict; serialised by name ("PASS" / "FAIL"), so verdict.json keeps its shape. */
    public enum Outcome { PASS, FAIL }


    /**
     * @param configLint what the job's tuned-vs-default comparisons measured about its settings (absent if none ran)
     * @param assessment the gate's health score and advice, written inline ({@code job, score, advice, reasons,
     *                   nextAction, components}) so each {@code jobs[]} entry is the job's assessment too
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobChecks(String id, List<Check> checks, List<ConfigLint.Entry> configLint,
                            @JsonUnwrapped JobAssessment assessment) {}

    /** @param headline the check's evidence in a few facts, as its evidence type words it */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Check(String suite, String target, String name, CheckStatus status, String reason,
                        Map<String, Object> evidence, String headline, long durationMs) {}

    public static Verdict of(String batch, List<String> jobOrder, List<CheckResult> results, String flinkVersion,
                             long seed, String runId) {
        Map<String, List<Check>> byJob = new LinkedHashMap<>();
        Map<String, List<CheckResult>> resultsByJob = new LinkedHashMap<>();
        jobOrder.forEach(j -> byJob.put(j, new ArrayList<>()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s.name(), 0L);
        }
        List<String> reasons = new ArrayList<>();
        for (CheckResult r : results) {
            byJob.computeIfAbsent(r.job(), k -> new ArrayList<>()).add(new Check(r.suite(), r.target(), r.name(),
                    r.status(), r.reason(), r.evidence(), r.headline(), r.durationMs()));
            resultsByJob.computeIfAbsent(r.job(), k -> new ArrayList<>()).add(r);
            counts.merge(r.status().name(), 1L, Long::sum);
            if (r.status() == CheckStatus.FAILED) {
                reasons.add(r.job() + " @ " + r.target() + " " + r.suite() + "/" + r.name() + ": " + r.reason());
            }
        }
        if (counts.get(CheckStatus.PASSED.name()) == 0 && reasons.isEmpty()) {
            reasons.add("no check passed: nothing was certified");
        }
        List<JobChecks> jobs = byJob.entrySet().stream().map(e -> {
            List<ConfigLint.Entry> lint = ConfigLint.of(resultsByJob.getOrDefault(e.getKey(), List.of()));
            return new JobChecks(e.getKey(), e.getValue(), lint.isEmpty() ? null : lint, null);
        }).toList();
        return new Verdict(batch, reasons.isEmpty() ? Outcome.PASS : Outcome.FAIL, flinkVersion, seed, runId,
                reasons.isEmpty() ? null : reasons, counts, jobs, null, null);
    }

    /**
     * The verdict of a shard that holds none of the batch's jobs: PASS with no jobs, since there was nothing for it to
     * certify (unlike a run whose checks were all skipped). {@code certify merge} still needs it to see the set whole.
     */
    public static Verdict ofEmptyShard(String batch, String flinkVersion, long seed, String runId, String shard) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s.name(), 0L);
        }
        return new Verdict(batch, Outcome.PASS, flinkVersion, seed, runId, null, counts, List.of(), shard, null);
    }

    /** This verdict as shard {@code shard} ("2/3") of its batch. */
    public Verdict withShard(String shard) {
        return new Verdict(batch, verdict, flinkVersion, seed, runId, reasons, counts, jobs, shard, shards);
    }

    /** This verdict as the merge of {@code count} shard runs. */
    public Verdict mergedFrom(int count) {
        return new Verdict(batch, verdict, flinkVersion, seed, runId, reasons, counts, jobs, null, count);
    }

    /**
     * This verdict with the gate's word: each job's assessment beside its checks, and the batch failed (with the
     * gate's reasons, naming the jobs) when the gate fails it.
     */
    public Verdict withGate(List<JobAssessment> assessments, List<String> gateReasons) {
        Map<String, JobAssessment> byJob = new LinkedHashMap<>();
        assessments.forEach(a -> byJob.put(a.job(), a));
        List<JobChecks> assessed = jobs.stream()
                .map(j -> new JobChecks(j.id(), j.checks(), j.configLint(), byJob.get(j.id()))).toList();
        List<String> all = new ArrayList<>(reasons == null ? List.of() : reasons);
        all.addAll(gateReasons);
        boolean fails = verdict == Outcome.FAIL || !gateReasons.isEmpty();
        return new Verdict(batch, fails ? Outcome.FAIL : Outcome.PASS, flinkVersion, seed, runId,
                all.isEmpty() ? null : all, counts, assessed, shard, shards);
    }

    public boolean passed() {
        return verdict == Outcome.PASS;
    }
}
