package io.flinkcertify.harness.report;

import io.flinkcertify.harness.evidence.TuningAB;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {

    private static CheckResult result(String job, String name, CheckStatus status, String reason) {
        return new CheckResult(job, "integration", "standalone", name, status, reason, Map.of("k", 1), "k=1", null, 12, null);
    }

    private static Verdict verdict(List<String> jobs, CheckResult... results) {
        return Verdict.of("wave-1", jobs, List.of(results), "1.20.1", 42L, "fc-run");
    }

    @Test
    void passWhenOnlyPassedAndSkipped() {
        Verdict v = verdict(List.of("a", "b"),
                result("a", "exactly-once", CheckStatus.PASSED, null),
                result("b", "availability", CheckStatus.SKIPPED, "target not available"));

        assertEquals(Verdict.Outcome.PASS, v.verdict());
        assertTrue(v.passed());
        assertNull(v.reasons());
        assertEquals(1L, v.counts().get("PASSED"));
        assertEquals(0L, v.counts().get("FAILED"));
        assertEquals(1L, v.counts().get("SKIPPED"));
        assertEquals("wave-1", v.batch());
        assertEquals("1.20.1", v.flinkVersion());
        assertEquals(42L, v.seed());
        assertEquals("fc-run", v.runId());
    }

    @Test
    void failWithReasonsWhenAnyFailed() {
        Verdict v = verdict(List.of("a", "b"),
                result("a", "exactly-once", CheckStatus.PASSED, null),
                result("b", "exactly-once", CheckStatus.FAILED, "3 missing (first: k0 [7])"),
                result("b", "availability", CheckStatus.FAILED, "1 restart(s) inside the window"),
                result("a", "availability", CheckStatus.SKIPPED, "skipped"));

        assertEquals(Verdict.Outcome.FAIL, v.verdict());
        assertFalse(v.passed());
        assertEquals(List.of(
                "b @ standalone integration/exactly-once: 3 missing (first: k0 [7])",
                "b @ standalone integration/availability: 1 restart(s) inside the window"), v.reasons());
        assertEquals(2L, v.counts().get("FAILED"));
    }

    @Test
    void allSkippedCertifiedNothing() {
        Verdict v = verdict(List.of("a"),
                result("a", "exactly-once", CheckStatus.SKIPPED, "no output"),
                result("a", "availability", CheckStatus.SKIPPED, "no target"));

        assertEquals(Verdict.Outcome.FAIL, v.verdict());
        assertEquals(List.of("no check passed: nothing was certified"), v.reasons());
    }

    @Test
    void noResultsCertifiedNothing() {
        Verdict v = verdict(List.of("a"));

        assertEquals(Verdict.Outcome.FAIL, v.verdict());
        assertEquals(List.of("no check passed: nothing was certified"), v.reasons());
        assertEquals(1, v.jobs().size());
        assertTrue(v.jobs().get(0).checks().isEmpty());
    }

    @Test
    void checksAreGroupedByJobInJobOrderThenUnlistedJobs() {
        Verdict v = verdict(List.of("b", "a"),
                result("a", "x", CheckStatus.PASSED, null),
                result("c", "y", CheckStatus.PASSED, null),
                result("b", "z", CheckStatus.PASSED, null));

        assertEquals(List.of("b", "a", "c"), v.jobs().stream().map(Verdict.JobChecks::id).toList());
        Verdict.Check check = v.jobs().get(1).checks().get(0);
        assertEquals("x", check.name());
        assertEquals("integration", check.suite());
        assertEquals("standalone", check.target());
        assertEquals(CheckStatus.PASSED, check.status());
        assertEquals(Map.of("k", 1), check.evidence());
        assertEquals(12, check.durationMs());
    }

    @Test
    void failedCheckNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> result("a", "x", CheckStatus.FAILED, null));
        assertThrows(IllegalArgumentException.class, () -> result("a", "x", CheckStatus.FAILED, "  "));
        assertThrows(IllegalArgumentException.class, () -> result("a", "x", CheckStatus.SKIPPED, null));
        CheckResult passed = result("a", "x", CheckStatus.PASSED, null);
        assertNull(passed.reason());
    }

    @Test
    void missingEvidenceBecomesEmpty() {
        CheckResult r = new CheckResult("a", "s", "t", "n", CheckStatus.PASSED, null, null, null, null, 0, null);
        assertEquals(Map.of(), r.evidence());
        assertFalse(r.isEnvironmentError());
        assertTrue(new CheckResult("a", "s", "t", "n", CheckStatus.FAILED, "boom", null, null, null, 0, true).isEnvironmentError());
    }

    private static CheckResult ab(String setting, String target, String lint) {
        return new CheckResult("a", "fault", target, "ab:" + setting, CheckStatus.PASSED, null,
                Map.of("jobValue", "50 s", "otherValue", "10 s", "lint", lint, "finding", setting + " measured " + lint),
                "lint=" + lint, new TuningAB.Lint("50 s", "10 s", lint, setting + " measured " + lint), 90_000, null);
    }

    @Test
    void configLintListsEachMeasuredComparisonFragileFirstAndNothingWithoutAMeasurement() {
        Verdict v = verdict(List.of("a", "b"),
                ab("heartbeat.timeout", "yarn-mini", "holds"),
                ab("high-availability.kubernetes.leader-election.lease-duration", "k8s-emulated", "fragile"),
                new CheckResult("a", "fault", "standalone", "ab:high-availability.kubernetes.leader-election.lease-duration",
                        CheckStatus.SKIPPED, "takes effect only on k8s-emulated", Map.of(), null, null, 0, null),
                result("b", "exactly-once", CheckStatus.PASSED, null));

        List<ConfigLint.Entry> lint = v.jobs().get(0).configLint();
        assertEquals(2, lint.size(), lint.toString());
        assertEquals("fragile", lint.get(0).lint());
        assertEquals("high-availability.kubernetes.leader-election.lease-duration", lint.get(0).setting());
        assertEquals("fault/ab:high-availability.kubernetes.leader-election.lease-duration @ k8s-emulated", lint.get(0).check());
        assertEquals("holds", lint.get(1).lint());
        assertNull(v.jobs().get(1).configLint(), "no comparison ran for b: no lint");
        assertTrue(SummaryTable.render(v).contains("FRAGILE  high-availability.kubernetes.leader-election.lease-duration=50 s @ k8s-emulated"),
                SummaryTable.render(v));
    }
}
