package io.flinkcertify.reports.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's side-by-side figures read from the performance comparison checks' evidence in verdict.json: each
 * side's trials per metric (a baseline's once, however many targets were compared with it), the ratios with their
 * intervals, and one resource recommendation per compared target.
 */
final class ComparisonEvidence {

    private ComparisonEvidence() {}

    static List<VerdictFile.Performance> figures(List<VerdictFile.Job> jobs) {
        Map<String, VerdictFile.Performance> rows = new LinkedHashMap<>();
        forEachMetric(jobs, (job, check, m) -> {
            add(rows, job, check.evidence().baseline(), m, m.baselineTrials());
            add(rows, job, check.target(), m, m.targetTrials());
        });
        return List.copyOf(rows.values());
    }

    static List<VerdictFile.Comparison> ratios(List<VerdictFile.Job> jobs) {
        List<VerdictFile.Comparison> rows = new ArrayList<>();
        forEachMetric(jobs, (job, check, m) -> {
            if (m.ratio() != null && !check.target().equals(check.evidence().baseline())) {
                rows.add(new VerdictFile.Comparison(job, check.target() + " / " + check.evidence().baseline() + ": "
                        + m.name(), m.ratio(), m.low(), m.high(), m.outcome()));
            }
        });
        return rows;
    }

    static List<VerdictFile.Recommendation> recommendations(List<VerdictFile.Job> jobs) {
        List<VerdictFile.Recommendation> rows = new ArrayList<>();
        for (VerdictFile.Job job : jobs) {
            for (VerdictFile.Check check : job.checks()) {
                if (check.evidence() != null && check.evidence().recommendation() != null) {
                    rows.add(new VerdictFile.Recommendation(job.name() + " on " + check.target(),
                            check.evidence().recommendation(), null, null));
                }
            }
        }
        return rows;
    }

    private interface MetricVisitor {
        void visit(String job, VerdictFile.Check check, VerdictFile.MetricEvidence metric);
    }

    private static void forEachMetric(List<VerdictFile.Job> jobs, MetricVisitor visitor) {
        for (VerdictFile.Job job : jobs) {
            for (VerdictFile.Check check : job.checks()) {
                if (check.evidence() == null || check.evidence().metrics() == null || check.evidence().baseline() == null) {
                    continue;
                }
                check.evidence().metrics().forEach(m -> visitor.visit(job.name(), check, m));
            }
        }
    }

    private static void add(Map<String, VerdictFile.Performance> rows, String job, String target,
                            VerdictFile.MetricEvidence m, VerdictFile.Trials t) {
        if (t != null) {
            rows.putIfAbsent(job + "|" + target + "|" + m.name(), new VerdictFile.Performance(job, target, m.name(),
                    m.unit(), t.median(), t.min(), t.max(), t.cv(), t.samples()));
        }
    }
}
