package io.flinkcertify.harness.report;

import java.util.List;

/** The plain-text table the CLI prints at the end: one row per check, the verdict underneath. */
public final class SummaryTable {

    public static String render(Verdict verdict) {
        String[] header = {"JOB", "TARGET", "SUITE", "CHECK", "STATUS", "TIME", "EVIDENCE / REASON"};
        List<String[]> rows = new java.util.ArrayList<>();
        for (Verdict.JobChecks job : verdict.jobs()) {
            for (Verdict.Check c : job.checks()) {
                rows.add(new String[] {job.id(), c.target(), c.suite(), c.name(), c.status().name(),
                        String.format("%.1fs", c.durationMs() / 1000.0),
                        c.reason() != null ? c.reason() : c.headline() == null ? "" : c.headline()});
            }
        }
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.min(Math.max(width[i], r[i].length()), i == header.length - 1 ? 90 : 40);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        for (String[] r : rows) {
            line(sb, r, width);
        }
        for (Verdict.JobChecks job : verdict.jobs()) {
            if (job.configLint() != null) {
                sb.append("\nconfig lint, ").append(job.id()).append(":\n");
                job.configLint().forEach(l -> sb.append("  ").append(l.lint().toUpperCase()).append("  ")
                        .append(l.setting()).append('=').append(l.jobValue()).append(" @ ").append(l.target())
                        .append(": ").append(l.finding()).append('\n'));
            }
        }
        sb.append("\nverdict: ").append(verdict.verdict()).append("  (batch ").append(verdict.batch())
                .append(", Flink ").append(verdict.flinkVersion()).append(", seed ").append(verdict.seed())
                .append(", checks ").append(verdict.counts()).append(")\n");
        if (verdict.reasons() != null) {
            verdict.reasons().forEach(r -> sb.append("  - ").append(r).append('\n'));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > width[i] ? cells[i].substring(0, width[i] - 1) + "…" : cells[i];
            sb.append(String.format("%-" + width[i] + "s", c)).append(i < cells.length - 1 ? "  " : "\n");
        }
    }

    private SummaryTable() {}
}
