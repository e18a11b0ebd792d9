package io.flinkcertify.reports;

import io.flinkcertify.reports.chart.Svg;
import io.flinkcertify.reports.html.HtmlReport;
import io.flinkcertify.reports.input.VerdictFile;
import io.flinkcertify.reports.input.VerdictFile.Job;

import java.nio.file.Path;
import java.util.List;

/**
 * What the terminal shows at the end of a run by default: a line per job (score and advice once the gate scores
 * jobs, else its check counts; and its worst finding), the batch verdict with the first few reasons, and where the
 * report is. The full check table is {@code --verbose}'s.
 */
public final class TerminalSummary {

    /** Reasons beyond these are counted, not printed: report.html and verdict.json have them all. */
    static final int MAX_REASONS = 5;
    static final int FINDING_WIDTH = 100;

    public static String render(VerdictFile verdict, Path report) {
        StringBuilder sb = new StringBuilder();
        int width = verdict.jobs().stream().mapToInt(j -> j.name().length()).max().orElse(3);
        for (Job job : verdict.jobs()) {
            sb.append(String.format("%-" + width + "s  ", job.name()));
            if (job.scored()) {
                sb.append(String.format("%4s/10  %-8s", Svg.num(job.score()), job.advice()));
            } else {
                sb.append(String.format("%3d passed %2d failed %2d skipped", count(job, "PASSED"), count(job, "FAILED"),
                        count(job, "SKIPPED")));
            }
            long fragile = job.configLint().stream().filter(l -> "fragile".equals(l.lint())).count();
            sb.append("  ").append(cut(HtmlReport.worstFinding(job)));
            if (fragile > 0) {
                sb.append(" (config lint: ").append(fragile).append(" fragile setting(s))");
            }
            sb.append('\n');
        }
        sb.append("\nverdict: ").append(verdict.verdict()).append("  (batch ").append(verdict.batch()).append(", Flink ")
                .append(verdict.flinkVersion()).append(", seed ").append(verdict.seed()).append(", run ")
                .append(verdict.runId()).append(", checks ").append(verdict.counts()).append(")\n");
        List<String> reasons = verdict.reasons();
        reasons.stream().limit(MAX_REASONS).forEach(r -> sb.append("  - ").append(cut(r)).append('\n'));
        if (reasons.size() > MAX_REASONS) {
            sb.append("  ... and ").append(reasons.size() - MAX_REASONS).append(" more in the report\n");
        }
        sb.append("report: ").append(report).append("  (every check: --verbose)\n");
        return sb.toString();
    }

    private static long count(Job job, String status) {
        return job.checks().stream().filter(c -> status.equals(c.status())).count();
    }

    private static String cut(String s) {
        return s.length() > FINDING_WIDTH ? s.substring(0, FINDING_WIDTH - 1) + "…" : s;
    }

    private TerminalSummary() {}
}
