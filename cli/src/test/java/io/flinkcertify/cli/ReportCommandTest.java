package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/certify report OUT}: the reports again from a run's files, the same page every time. */
class ReportCommandTest {

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return CertifyCommand.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), args);
    }

    /** A verdict.json as a run writes it (the harness's own Verdict), with one failed check. */
    private void finishedRun() throws Exception {
        List<CheckResult> results = List.of(
                new CheckResult("job-a", "integration", "yarn-mini", "deploy", CheckStatus.PASSED, null,
                        Map.of("submitToRunningMs", 18000), null, null, 20000, null),
                new CheckResult("job-a", "fault", "k8s-emulated", "taskmanager-kill", CheckStatus.FAILED,
                        "not RUNNING within 120 s", Map.of(), null, null, 130000, null),
                new CheckResult("job-b", "fault", "yarn-mini", "apiserver-latency", CheckStatus.SKIPPED,
                        "yarn-mini has no API server", Map.of(), null, null, 1, null));
        Verdict verdict = Verdict.of("wave-1", List.of("job-a", "job-b"), results, "1.20.1", 7, "20261201-1");
        new ObjectMapper().writeValue(out.resolve("verdict.json").toFile(), verdict);
    }

    @Test
    void regeneratesTheReportAndAllureFilesFromTheRunsFilesAlone() throws Exception {
        finishedRun();
        assertEquals(ExitCodes.PASS, run("report", out.toString()), stderr.toString());
        String first = Files.readString(out.resolve("report.html"));
        assertEquals(ExitCodes.PASS, run("report", out.toString()));
        String second = Files.readString(out.resolve("report.html"));
        // apart from the generation line, the same bytes
        assertEquals(without(first), without(second));
        assertTrue(first.contains("taskmanager-kill"), "the failed check is in the report");
        assertTrue(Files.exists(out.resolve("allure-results/categories.json")));
        assertTrue(Files.readString(out.resolve("allure-results/environment.properties")).contains("Seed = 7"));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("verdict: FAIL") && printed.contains(out.resolve("report.html").toString()), printed);
    }

    private static String without(String html) {
        return html.lines().filter(l -> !l.startsWith(io.flinkcertify.reports.html.HtmlReport.GENERATED_PREFIX))
                .reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void anOutWithoutVerdictIsBadInputNamingTheFile() {
        assertEquals(ExitCodes.BAD_INPUT, run("report", out.toString()));
        String line = stderr.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("verdict.json"), line);
    }
}
