package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.metric.Change;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A job's health score 0-10 under a policy, every point explained.
 * <ul>
 *   <li>A component scores 10 x (decided checks that passed / decided checks); each failed check deducts its share
 *       of the 10 points. Skipped checks and environment failures (a target that could not start: not the job's
 *       fault) are listed as measurements but decide nothing. Performance and regression do the same over the
 *       metrics' changes: a REGRESSION costs its share; INSUFFICIENT_DATA decides nothing.</li>
 *   <li>The job's score is the weighted average of the measured components (OpenSSF Scorecard's aggregate: a
 *       component with nothing measured is left out, not scored 0).</li>
 *   <li>Caps: a failure in a capped component limits the score (default: any correctness failure caps at 3);
 *       a critical cap also means ROLLBACK.</li>
 * </ul>
 */
public final class HealthScore {

    private static final double FULL = 10;

    private final Policy policy;

    public HealthScore(Policy policy) {
        this.policy = policy;
    }

    /**
     * @param checks      every check of this job (other jobs' checks are ignored)
     * @param regressions this run's metrics against the baseline (may be empty)
     * @param performance Kubernetes against YARN per metric, as changes from the YARN side (may be empty)
     */
    public JobAssessment assess(String job, List<CheckResult> checks, List<Change> regressions, List<Change> performance) {
        List<CheckResult> own = checks.stream().filter(c -> job.equals(c.job())).toList();
        Map<Component, List<CheckResult>> byComponent = new EnumMap<>(Component.class);
        own.forEach(c -> byComponent.computeIfAbsent(CheckComponents.of(c), k -> new ArrayList<>()).add(c));

        List<ComponentScore> components = new ArrayList<>();
        for (Component c : Component.values()) {
            ComponentScore score = switch (c) {
                // the performance suite's comparison checks decide it where no per-metric changes were handed in
                case PERFORMANCE -> ofJob(job, performance).isEmpty()
                        ? fromChecks(c, byComponent.getOrDefault(c, List.of())) : fromChanges(c, ofJob(job, performance));
                case REGRESSION -> fromChanges(c, ofJob(job, regressions));
                default -> fromChecks(c, byComponent.getOrDefault(c, List.of()));
            };
            components.add(score);
        }

        double weights = 0;
        double sum = 0;
        for (ComponentScore s : components) {
            if (s.measured() && s.weight() > 0) {
                weights += s.weight();
                sum += s.weight() * s.score();
            }
        }
        List<String> reasons = new ArrayList<>();
        if (weights == 0) {
            reasons.add("nothing was measured for this job: no component has a decided check or metric");
            return new JobAssessment(job, null, Advice.HOLD, reasons, "run the suites on this job before deciding; "
                    + RollbackRehearsal.statement(own), components, null);
        }
        double score = sum / weights;
        boolean critical = false;
        for (Policy.Cap cap : policy.caps()) {
            ComponentScore s = components.get(cap.component().ordinal());
            if (!s.deductions().isEmpty() && score > cap.maxScore()) {
                score = cap.maxScore();
                reasons.add(String.format(Locale.ROOT, "capped at %s: %s failed (%s)", trim(cap.maxScore()),
                        cap.component().label(), s.deductions().get(0).reason()));
            }
            if (!s.deductions().isEmpty() && cap.critical()) {
                critical = true;
            }
        }
        score = Math.round(score * 10) / 10.0;
        Advice advice = critical || score < policy.advice().hold() ? Advice.ROLLBACK
                : score < policy.advice().migrate() ? Advice.HOLD : Advice.MIGRATE;
        reasons.add(0, String.format(Locale.ROOT, "score %s %s", trim(score), switch (advice) {
            case MIGRATE -> ">= " + trim(policy.advice().migrate());
            case HOLD -> "is below " + trim(policy.advice().migrate()) + " (MIGRATE)";
            case ROLLBACK -> critical ? "with a critical failure" : "is below " + trim(policy.advice().hold()) + " (HOLD)";
        }));
        components.stream().flatMap(s -> s.deductions().stream().map(d -> s.name().label() + ": " + d.reason()))
                .forEach(reasons::add);
        // a job whose own fault-free runs differ had its output judged by nothing: not a pass, whatever it scored
        Optional<CheckResult> unjudgeable = own.stream()
                .filter(c -> CheckComponents.DETERMINISM.equals(c.name()) && c.status() == CheckStatus.FAILED).findFirst();
        if (advice == Advice.MIGRATE && unjudgeable.isPresent()) {
            advice = Advice.HOLD;
            reasons.set(0, reasons.get(0) + ", held: its output could not be judged (" + unjudgeable.get().reason() + ")");
        }
        return new JobAssessment(job, score, advice, reasons, nextAction(advice, components, own), components, null);
    }

    private ComponentScore fromChecks(Component c, List<CheckResult> checks) {
        List<String> measurements = new ArrayList<>();
        List<CheckResult> decided = new ArrayList<>();
        for (CheckResult r : checks) {
            String where = source(r);
            if (r.status() == CheckStatus.SKIPPED) {
                measurements.add(where + ": skipped (" + r.reason() + ")");
            } else if (r.isEnvironmentError()) {
                measurements.add(where + ": not scored, environment error (" + r.reason() + ")");
            } else {
                measurements.add(where + ": " + r.status());
                decided.add(r);
            }
        }
        List<Deduction> deductions = new ArrayList<>();
        double share = decided.isEmpty() ? 0 : FULL / decided.size();
        decided.stream().filter(r -> r.status() == CheckStatus.FAILED)
                .forEach(r -> deductions.add(new Deduction(round(share), r.name() + " failed on " + r.target() + ": "
                        + r.reason(), source(r))));
        return score(c, measurements, deductions, decided.size());
    }

    private ComponentScore fromChanges(Component c, List<Change> changes) {
        List<String> measurements = new ArrayList<>();
        List<Change> decided = new ArrayList<>();
        for (Change change : changes) {
            measurements.add(change.target() + " " + change.line());
            if (change.classification() != Change.Classification.INSUFFICIENT_DATA) {
                decided.add(change);
            }
        }
        List<Deduction> deductions = new ArrayList<>();
        double share = decided.isEmpty() ? 0 : FULL / decided.size();
        decided.stream().filter(Change::isRegression).forEach(change -> deductions.add(new Deduction(round(share),
                String.format(Locale.ROOT, "%s worse on %s: %.4g -> %.4g %s (%+.1f %%), %s p=%.3g", change.metric(),
                        change.target(), change.oldMedian(), change.newMedian(), change.unit(), change.relativePercent(),
                        change.test(), change.pValue()), change.metric() + " @ " + change.target())));
        return score(c, measurements, deductions, decided.size());
    }

    private ComponentScore score(Component c, List<String> measurements, List<Deduction> deductions, int decided) {
        Double score = decided == 0 ? null
                : round(Math.max(0, FULL - deductions.stream().mapToDouble(Deduction::points).sum()));
        if (decided == 0) {
            measurements.add("nothing decided: not scored");
        }
        return new ComponentScore(c, policy.weight(c), score, measurements, deductions);
    }

    /** ROLLBACK and MIGRATE end on whether moving back is verified; HOLD names the weakest component's first loss. */
    private static String nextAction(Advice advice, List<ComponentScore> components, List<CheckResult> checks) {
        String rollback = RollbackRehearsal.statement(checks);
        return switch (advice) {
            case ROLLBACK -> "roll the job back to (or keep it on) YARN; " + rollback;
            case MIGRATE -> "migrate the job; " + rollback;
            case HOLD -> components.stream().filter(s -> !s.deductions().isEmpty())
                    .min(Comparator.comparingDouble(ComponentScore::score))
                    .map(s -> "fix " + s.name().label() + " first (" + s.deductions().get(0).reason() + "), then re-run; ")
                    .orElse("re-run with more of the suites to raise the evidence; ") + rollback;
        };
    }

    private static List<Change> ofJob(String job, List<Change> changes) {
        return changes.stream().filter(c -> job.equals(c.job())).toList();
    }

    private static String source(CheckResult r) {
        return r.suite() + "/" + r.name() + " @ " + r.target();
    }

    private static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
