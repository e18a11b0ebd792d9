package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flinkcertify.harness.gate.Gate;
import io.flinkcertify.harness.gate.KeptLogs;
import io.flinkcertify.harness.metric.MetricSamples;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.run.CheckResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The end of a run: the gate's judgement of the checks in OUT, verdict.json, the reports and the exit code. A normal
 * run and {@code certify merge} both end here, so a merged OUT is judged exactly as one run over all its jobs would be.
 *
 * @param verdict the batch's verdict, with the gate's word
 * @param gate    what the gate said (assessments, baseline changes), for the summary
 */
record RunVerdict(Verdict verdict, Gate.Outcome gate) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static RunVerdict judge(Gate gate, Path out, String batch, List<String> jobIds, List<CheckResult> results,
                            List<MetricSamples> samples, String flinkVersion, long seed, String runId) {
        Gate.Outcome outcome = gate.judge(jobIds, results, samples, List.of(), runId, Instant.now(),
                new KeptLogs(out)::linesFor);
        Verdict verdict = Verdict.of(batch, jobIds, results, flinkVersion, seed, runId)
                .withGate(outcome.jobs(), outcome.batch().reasons());
        return new RunVerdict(verdict, outcome);
    }

    static void write(Path out, Verdict verdict) throws IOException {
        JSON.writeValue(out.resolve("verdict.json").toFile(), verdict);
    }

    /** Writes report.html and the Allure extras from OUT, prints the summary, and returns the run's exit code. */
    static int report(PrintWriter stdout, Path out, Verdict verdict, List<CheckResult> results) {
        stdout.print(ReportCommand.writeReports(out));
        stdout.println("reports: " + out.resolve("verdict.json") + ", " + out.resolve("junit") + ", "
                + out.resolve("allure-results"));
        List<CheckResult> environment = results.stream().filter(CheckResult::isEnvironmentError).toList();
        if (!environment.isEmpty()) {
            stdout.println("certify: environment error: " + environment.get(0).reason());
            stdout.flush();
            return ExitCodes.ENVIRONMENT;
        }
        stdout.flush();
        return verdict.passed() ? ExitCodes.PASS : ExitCodes.VERDICT_FAIL;
    }
}
