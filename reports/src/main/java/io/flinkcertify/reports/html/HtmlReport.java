package io.flinkcertify.reports.html;

import io.flinkcertify.reports.chart.IntervalChart;
import io.flinkcertify.reports.chart.Svg;
import io.flinkcertify.reports.chart.TimelineChart;
import io.flinkcertify.reports.chart.TrendChart;
import io.flinkcertify.reports.input.RunFiles;
import io.flinkcertify.reports.input.RunRecordFile;
import io.flinkcertify.reports.input.RunRecordFile.Deployed;
import io.flinkcertify.reports.input.RunRecordFile.Stopped;
import io.flinkcertify.reports.input.VerdictFile;
import io.flinkcertify.reports.input.VerdictFile.Check;
import io.flinkcertify.reports.input.VerdictFile.Job;
import io.flinkcertify.reports.timeline.Timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (styles, charts and its one small script inline; nothing fetched)
 * made from a run's files alone. The output depends only on those files, except the single line that says when it
 * was generated ({@link #GENERATED_PREFIX}).
 */
public final class HtmlReport {

    /** The one line that differs between two generations from the same files. */
    public static final String GENERATED_PREFIX = "<p class=\"generated\">generated ";

    private final RunFiles files;
    private final VerdictFile verdict;
    private final StringBuilder html = new StringBuilder(256 * 1024);

    private HtmlReport(RunFiles files) {
        this.files = files;
        this.verdict = files.verdict();
    }

    public static String render(RunFiles files, Instant generatedAt) {
        return new HtmlReport(files).page(generatedAt);
    }

    private String page(Instant generatedAt) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Flink Certify: ").append(e(verdict.batch())).append(' ').append(e(verdict.verdict()))
                .append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n<script>\n")
                .append(resource("render-check.js")).append("</script>\n</head>\n<body>\n");
        header(generatedAt);
        jobs();
        failures();
        timelines();
        sideBySide();
        trends();
        lintAndRecommendations();
        allChecks();
        links();
        html.append("<pre id=\"render-check\" hidden></pre>\n</body>\n</html>\n");
        return html.toString();
    }

    private void header(Instant generatedAt) {
        Map<String, Long> counts = verdict.counts();
        html.append("<header>\n<h1>Flink Certify · ").append(e(verdict.batch())).append("</h1>\n")
                .append("<div class=\"verdict v-").append(e(verdict.verdict())).append("\">").append(e(verdict.verdict()))
                .append("</div>\n<p class=\"meta\">Flink ").append(e(verdict.flinkVersion())).append(" · seed ")
                .append(verdict.seed()).append(" · run ").append(e(verdict.runId())).append(" · targets ")
                .append(e(String.join(", ", targets()))).append(" · checks: <b class=\"s-PASSED\">")
                .append(counts.getOrDefault("PASSED", 0L)).append(" passed</b>, <b class=\"")
                .append(counts.getOrDefault("FAILED", 0L) > 0 ? "s-FAILED" : "zero").append("\">")
                .append(counts.getOrDefault("FAILED", 0L)).append(" failed</b>, <b class=\"s-SKIPPED\">")
                .append(counts.getOrDefault("SKIPPED", 0L)).append(" skipped</b></p>\n")
                .append(GENERATED_PREFIX).append(generatedAt).append("</p>\n</header>\n");
    }

    private List<String> targets() {
        // cross-target checks name a pair ("yarn-mini->k8s-emulated"): the targets are the single ones
        return verdict.jobs().stream().flatMap(j -> j.checks().stream()).map(Check::target)
                .filter(t -> !t.contains("->")).distinct().sorted().toList();
    }

    private void jobs() {
        boolean scored = verdict.jobs().stream().anyMatch(Job::scored);
        html.append("<section id=\"jobs\">\n<h2>Jobs</h2>\n<table class=\"jobs\">\n<thead><tr><th>Job</th>");
        html.append(scored ? "<th>Score</th><th>Advice</th>" : "<th>Passed</th><th>Failed</th><th>Skipped</th>");
        html.append("<th>Worst finding</th>").append(scored ? "<th>Next action</th>" : "").append("</tr></thead>\n<tbody>\n");
        for (Job job : verdict.jobs()) {
            html.append("<tr class=\"job\" data-job=\"").append(e(job.name())).append("\"><td><a href=\"#job-")
                    .append(e(job.name())).append("\">").append(e(job.name())).append("</a></td>");
            if (scored) {
                html.append("<td class=\"score\">").append(job.score() == null ? "–" : Svg.num(job.score()) + " / 10")
                        .append("</td><td><span class=\"advice a-").append(e(job.advice())).append("\">")
                        .append(e(job.advice())).append("</span></td>");
            } else {
                long failed = count(job, "FAILED");
                html.append("<td class=\"s-PASSED\">").append(count(job, "PASSED")).append("</td><td class=\"")
                        .append(failed > 0 ? "s-FAILED" : "zero").append("\">").append(failed).append("</td><td class=\"s-SKIPPED\">").append(count(job, "SKIPPED"))
                        .append("</td>");
            }
            html.append("<td>").append(e(worstFinding(job))).append("</td>");
            if (scored) {
                html.append("<td>").append(e(job.nextAction())).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        for (Job job : verdict.jobs()) {
            breakdown(job);
        }
        html.append("</section>\n");
    }

    /** The worst finding of a job: the gate's first reason when it scored the job, else its first failed check. */
    public static String worstFinding(Job job) {
        if (job.scored() && !job.reasons().isEmpty()) {
            return job.reasons().get(0);
        }
        return job.checks().stream().filter(Check::failed).findFirst()
                .map(c -> c.label() + ": " + c.reason()).orElse("none: no check failed");
    }

    private static long count(Job job, String status) {
        return job.checks().stream().filter(c -> status.equals(c.status())).count();
    }

    private void breakdown(Job job) {
        html.append("<details class=\"breakdown\" id=\"job-").append(e(job.name())).append("\">\n<summary>")
                .append(job.scored() ? "Score breakdown of " : "Checks of ").append(e(job.name())).append("</summary>\n");
        if (job.scored()) {
            html.append("<table class=\"components\">\n<thead><tr><th>Component</th><th>Weight</th><th>Score</th>")
                    .append("<th>Measured</th><th>Deductions</th></tr></thead>\n<tbody>\n");
            for (VerdictFile.Component c : job.components()) {
                html.append("<tr><td>").append(e(c.name())).append("</td><td>").append(Svg.num(c.weight()))
                        .append("</td><td>").append(Svg.num(c.score())).append("</td><td>").append(list(c.measurements()))
                        .append("</td><td>").append(list(c.deductions().stream().map(Object::toString).toList())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
            if (!job.reasons().isEmpty()) {
                html.append("<p>Why ").append(e(job.advice())).append(":</p>").append(list(job.reasons())).append('\n');
            }
        }
        checkTable(job.name(), job.checks());
        html.append("</details>\n");
    }

    private void checkTable(String job, List<Check> checks) {
        html.append("<table class=\"checks\">\n<thead><tr><th>Target</th><th>Suite</th><th>Check</th><th>Status</th>")
                .append("<th>Time</th><th>Reason</th><th>Evidence</th></tr></thead>\n<tbody>\n");
        for (Check c : checks) {
            String file = files.checkFiles().get(RunFiles.checkKey(job, c.suite(), c.target(), c.name()));
            html.append("<tr class=\"check s-").append(e(c.status())).append("\"><td>").append(e(c.target()))
                    .append("</td><td>").append(e(c.suite())).append("</td><td>").append(e(c.name()))
                    .append("</td><td class=\"status\">").append(e(c.status())).append("</td><td>")
                    .append(Svg.num(c.durationMs() / 1000.0)).append(" s</td><td>").append(e(c.reason()))
                    .append("</td><td>").append(file == null ? "" : link(file, "json")).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private void failures() {
        boolean diagnoses = verdict.diagnoses() != null && !verdict.diagnoses().isEmpty();
        if (verdict.reasons().isEmpty() && !diagnoses) {
            return;
        }
        html.append("<section id=\"failures\">\n<h2>").append(verdict.reasons().isEmpty() ? "Diagnosis"
                : "Why the verdict is " + e(verdict.verdict())).append("</h2>\n").append(list(verdict.reasons())).append('\n');
        if (diagnoses) {
            html.append(verdict.reasons().isEmpty() ? "" : "<h3>Diagnosis</h3>\n");
            for (VerdictFile.Diagnosis d : verdict.diagnoses()) {
                html.append("<div class=\"diagnosis\"><p><b>").append(e(d.job())).append(" @ ").append(e(d.target()))
                        .append(" · ").append(e(d.check())).append("</b>: ").append(e(d.cause())).append("</p>\n<pre>")
                        .append(e(String.join("\n", d.evidenceLines()))).append("</pre></div>\n");
            }
        }
        html.append("</section>\n");
    }

    private void sideBySide() {
        Map<String, List<IntervalChart.Row>> launch = new LinkedHashMap<>();
        Map<String, List<IntervalChart.Row>> recovery = new java.util.TreeMap<>();
        for (RunFiles.Record r : files.records()) {
            RunRecordFile rec = r.record();
            List<Deployed> deployed = rec.runs().stream().flatMap(run -> run.events().stream())
                    .filter(Deployed.class::isInstance).map(Deployed.class::cast).toList();
            addRow(launch, "submit to RUNNING", rec.job(), rec.target(), deployed, d -> (double) d.submitToRunningMs());
            addRow(launch, "target start", rec.job(), rec.target(), deployed, d -> (double) d.targetStartMs());
            Map<String, List<Double>> byKind = new java.util.TreeMap<>();
            for (RunRecordFile.Run run : rec.runs()) {
                for (Timeline.FaultWindow f : Timeline.of(rec.job(), rec.target(), run).faults()) {
                    f.recoverySeconds().ifPresent(s -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(s));
                }
            }
            byKind.forEach((kind, seconds) -> addRow(recovery, rec.job(), kind, rec.target(), seconds, s -> s));
        }
        List<VerdictFile.Performance> performance = verdict.performance() == null ? List.of() : verdict.performance();
        boolean comparisons = verdict.comparisons() != null && !verdict.comparisons().isEmpty();
        if (launch.isEmpty() && recovery.isEmpty() && performance.isEmpty() && !comparisons) {
            return;
        }
        html.append("<section id=\"targets\">\n<h2>YARN vs Kubernetes</h2>\n<p class=\"note\">Bars: median; whiskers: ")
                .append("lowest to highest; dots: each deployment or trial.</p>\n");
        launch.forEach((metric, rows) -> figure("Launch: " + metric, "ms", rows));
        Map<String, List<VerdictFile.Performance>> byMetric = performance.stream()
                .collect(Collectors.groupingBy(VerdictFile.Performance::metric, LinkedHashMap::new, Collectors.toList()));
        byMetric.forEach((metric, list) -> figure(metric, list.get(0).unit(), list.stream()
                .sorted(Comparator.comparing(VerdictFile.Performance::job).thenComparing(VerdictFile.Performance::target))
                .map(p -> new IntervalChart.Row(p.job(), p.target(), p.median(), p.min(), p.max(),
                        p.samples().isEmpty() ? List.of(p.median()) : p.samples())).toList()));
        recovery.forEach((job, rows) -> figure("Recovery of " + job + " after each fault", "s", rows.stream()
                .sorted(Comparator.comparing(IntervalChart.Row::label).thenComparing(IntervalChart.Row::target)).toList()));
        if (comparisons) {
            html.append("<table class=\"comparisons\">\n<thead><tr><th>Job</th><th>Metric</th><th>Kubernetes / YARN</th>")
                    .append("<th>Interval</th><th>Verdict</th></tr></thead>\n<tbody>\n");
            for (VerdictFile.Comparison c : verdict.comparisons()) {
                html.append("<tr class=\"comparison\"><td>").append(e(c.job())).append("</td><td>").append(e(c.metric())).append("</td><td>")
                        .append(Svg.num(c.ratio())).append("</td><td>")
                        .append(c.low() == null ? "" : Svg.num(c.low()) + " to " + Svg.num(c.high()))
                        .append("</td><td>").append(e(c.verdict())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private static <T> void addRow(Map<String, List<IntervalChart.Row>> charts, String chart, String label, String target,
                                   List<T> items, Function<T, Double> figure) {
        if (items.isEmpty()) {
            return;
        }
        List<Double> values = items.stream().map(figure).toList();
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        charts.computeIfAbsent(chart, m -> new ArrayList<>())
                .add(new IntervalChart.Row(label, target, median, sorted.get(0), sorted.get(n - 1), values));
    }

    private void figure(String title, String unit, List<IntervalChart.Row> rows) {
        html.append("<figure class=\"side-by-side\">\n<figcaption>").append(e(title)).append("</figcaption>\n")
                .append(IntervalChart.render(title, unit, rows)).append("\n</figure>\n");
    }

    private void trends() {
        if (verdict.baselines() == null || verdict.baselines().isEmpty()) {
            return;
        }
        html.append("<section id=\"trends\">\n<h2>Regression trends</h2>\n");
        for (VerdictFile.Trend t : verdict.baselines()) {
            html.append("<figure class=\"trend\">\n<figcaption>").append(e(t.metric())).append(" · ").append(e(t.job()))
                    .append(" @ ").append(e(t.target())).append(" (").append(t.history().size()).append(" runs, ")
                    .append(t.changePoints().size()).append(" change point(s))</figcaption>\n")
                    .append(TrendChart.render(t)).append("\n</figure>\n");
        }
        html.append("</section>\n");
    }

    private void lintAndRecommendations() {
        boolean lint = verdict.jobs().stream().anyMatch(j -> !j.configLint().isEmpty());
        boolean recommendations = verdict.recommendations() != null && !verdict.recommendations().isEmpty();
        boolean carried = verdict.jobs().stream().anyMatch(j -> j.checks().stream().anyMatch(HtmlReport::carriesSettings));
        if (!lint && !recommendations && !carried) {
            return;
        }
        html.append("<section id=\"config\">\n<h2>Configuration</h2>\n");
        if (carried) {
            // what each job's production YARN settings became, and what has no counterpart (README's mapping table)
            html.append("<h3>YARN settings on Kubernetes</h3>\n");
            for (Job job : verdict.jobs()) {
                for (Check c : job.checks()) {
                    if (carriesSettings(c)) {
                        html.append("<div class=\"carried\"><p><b>").append(e(job.name())).append("</b>: ")
                                .append(link(c.evidence().file(), c.evidence().file())).append(c.evidence().findings()
                                        .isEmpty() ? ", every setting has a counterpart" : ", without a counterpart:")
                                .append("</p>\n").append(c.evidence().findings().isEmpty() ? ""
                                        : list(c.evidence().findings())).append("</div>\n");
                    }
                }
            }
        }
        if (lint) {
            html.append("<h3>Config lint</h3>\n<table class=\"lint\">\n<thead><tr><th>Job</th><th>Lint</th><th>Setting</th>")
                    .append("<th>Job's value</th><th>Compared with</th><th>Target</th><th>Finding</th></tr></thead>\n<tbody>\n");
            for (Job job : verdict.jobs()) {
                for (VerdictFile.LintEntry l : job.configLint()) {
                    html.append("<tr class=\"lint-").append(e(l.lint())).append("\"><td>").append(e(job.name()))
                            .append("</td><td>").append(e(l.lint())).append("</td><td><code>").append(e(l.setting()))
                            .append("</code></td><td>").append(e(l.jobValue())).append("</td><td>").append(e(l.otherValue()))
                            .append("</td><td>").append(e(l.target())).append("</td><td>").append(e(l.finding()))
                            .append("</td></tr>\n");
                }
            }
            html.append("</tbody>\n</table>\n");
        }
        if (recommendations) {
            html.append("<h3>Resource recommendations</h3>\n");
            for (VerdictFile.Recommendation r : verdict.recommendations()) {
                html.append("<div class=\"recommendation\"><p><b>").append(e(r.job())).append("</b>")
                        // what was given and used is in the snippet's own comment lines when not given apart
                        .append(r.given() == null ? "" : ": given " + e(r.given()) + ", used " + e(r.used()))
                        .append("</p>\n<pre>").append(e(r.snippet())).append("</pre></div>\n");
            }
        }
        html.append("</section>\n");
    }

    private static boolean carriesSettings(Check c) {
        return c.name().equals("settings:yarn-to-kubernetes") && c.evidence() != null && c.evidence().file() != null;
    }

    private void timelines() {
        if (files.records().isEmpty()) {
            return;
        }
        html.append("<section id=\"timelines\">\n<h2>Timelines</h2>\n<p class=\"note\"><span class=\"key rate\"></span>")
                .append("records/s <span class=\"key ck\"></span>checkpoints completed <span class=\"key fault\"></span>")
                .append("fault window (kind · victim), with the time until every task ran again and a checkpoint completed</p>\n");
        for (RunFiles.Record r : files.records()) {
            RunRecordFile rec = r.record();
            html.append("<h3 id=\"timeline-").append(e(rec.job())).append('-').append(e(rec.target())).append("\">")
                    .append(e(rec.job())).append(" @ ").append(e(rec.target())).append(" <small>")
                    .append(link(r.path(), "record.json")).append("</small></h3>\n");
            for (RunRecordFile.Run run : rec.runs()) {
                Timeline t = Timeline.of(rec.job(), rec.target(), run);
                if (t.points().isEmpty()) {
                    continue;
                }
                html.append("<figure class=\"timeline-figure\" data-job=\"").append(e(rec.job())).append("\" data-target=\"")
                        .append(e(rec.target())).append("\" data-run=\"").append(run.run()).append("\">\n<figcaption>")
                        .append("deployment ").append(run.run()).append(deploymentNote(run)).append("</figcaption>\n")
                        .append(TimelineChart.render(t)).append("\n</figure>\n");
            }
        }
        html.append("</section>\n");
    }

    private static String deploymentNote(RunRecordFile.Run run) {
        StringBuilder sb = new StringBuilder();
        run.events().stream().filter(Deployed.class::isInstance).map(Deployed.class::cast).findFirst().ifPresent(d -> {
            sb.append(" · RUNNING ").append(Svg.num(d.submitToRunningMs() / 1000.0)).append(" s after submission");
            Optional.ofNullable(d.restoredFrom()).ifPresent(s -> sb.append(" · restored from a savepoint"));
        });
        run.events().stream().filter(Stopped.class::isInstance).map(Stopped.class::cast).reduce((a, b) -> b)
                .ifPresent(s -> sb.append(" · ended ").append(e(s.finalState())));
        return sb.toString();
    }

    private void allChecks() {
        html.append("<section id=\"checks\">\n<h2>All checks</h2>\n<details>\n<summary>")
                .append(verdict.jobs().stream().mapToInt(j -> j.checks().size()).sum()).append(" checks</summary>\n");
        for (Job job : verdict.jobs()) {
            html.append("<h3>").append(e(job.name())).append("</h3>\n");
            checkTable(job.name(), job.checks());
        }
        html.append("</details>\n</section>\n");
    }

    private void links() {
        html.append("<section id=\"files\">\n<h2>Files of this run</h2>\n<ul class=\"files\">\n<li>")
                .append(link("verdict.json", "verdict.json")).append(" (machine-readable verdict)</li>\n<li>")
                .append(link("checks/", "checks/")).append(" (each check's evidence)</li>\n<li>")
                .append(link("junit/", "junit/")).append(" · ").append(link("allure-results/", "allure-results/"))
                .append("</li>\n");
        if (files.hasLogs()) {
            html.append("<li>").append(link("logs/", "logs/")).append(" (Flink and harness logs)</li>\n");
        }
        for (RunFiles.Record r : files.records()) {
            html.append("<li>").append(link(r.path(), r.path())).append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private static String link(String relative, String text) {
        return "<a href=\"" + e(relative) + "\">" + e(text) + "</a>";
    }

    private static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return items.stream().map(i -> "<li>" + e(i) + "</li>").collect(Collectors.joining("", "<ul>", "</ul>"));
    }

    private static String e(String s) {
        return Html.escape(s);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/flink-certify-report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource flink-certify-report/" + name + " in the reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
