package io.flinkcertify.reports;

import io.flinkcertify.reports.input.RunFiles;
import io.flinkcertify.reports.input.VerdictFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalSummaryTest {

    @Test
    void theReferenceBatchFitsThirtyLinesWithALinePerJob(@TempDir Path out) {
        SampleRun.copyTo(out);
        VerdictFile verdict = RunFiles.readVerdict(out);
        String summary = TerminalSummary.render(verdict, out.resolve("report.html"));
        List<String> lines = summary.lines().toList();
        assertTrue(lines.size() <= 30, summary);
        for (VerdictFile.Job job : verdict.jobs()) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(job.name() + " ")).count(), summary);
        }
        assertTrue(summary.contains("verdict: " + verdict.verdict()), summary);
        assertTrue(summary.contains("report: " + out.resolve("report.html")), summary);
    }

    @Test
    void scoredJobsShowScoreAndAdvice(@TempDir Path out) throws Exception {
        SampleRun.copyTo(out);
        SampleRun.addOptionalSections(out);
        String summary = TerminalSummary.render(RunFiles.readVerdict(out), out.resolve("report.html"));
        assertTrue(summary.contains("9.2/10  MIGRATE"), summary);
        assertTrue(summary.contains("5.5/10  HOLD"), summary);
    }

    @Test
    void manyFailuresStillFitThirtyLines(@TempDir Path out) {
        SampleRun.copyTo(out);
        VerdictFile v = RunFiles.readVerdict(out);
        List<String> reasons = IntStream.range(0, 40).mapToObj(i -> "check " + i + " failed").toList();
        VerdictFile failing = new VerdictFile(v.batch(), "FAIL", v.flinkVersion(), v.seed(), v.runId(), reasons,
                v.counts(), v.jobs(), null, null, null, null, null);
        String summary = TerminalSummary.render(failing, out.resolve("report.html"));
        assertTrue(summary.lines().count() <= 30, summary);
        assertTrue(summary.contains("and " + (40 - TerminalSummary.MAX_REASONS) + " more"), summary);
    }
}
