package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --rerun-failed plans exactly the failed checks' groups (suite x job x target) with the earlier run's seed, not
 * everything (Sonobuoy shipped a rerun that re-ran everything, twice). The plan is what the JUnit factories run: the
 * same filter decides both (CertifyContext, DryRun).
 */
class RerunFailedTest extends CliTest {

    @TempDir
    Path dir;


    /** A finished run's OUT as the CLI leaves it: marker, verdict and one file per check. */
    private Path finishedRun(List<CheckResult> checks) throws Exception {
        Path outDir = dir.resolve("out");
        Files.createDirectories(outDir.resolve("checks"));
        ObjectMapper json = new ObjectMapper();
        List<String> written = new java.util.ArrayList<>(List.of("verdict.json"));
        for (int i = 0; i < checks.size(); i++) {
            CheckResult c = checks.get(i);
            String name = String.format("checks/%04d-%s-%s-%s-%s.json", i + 1, c.suite(), c.target(), c.job(), c.name());
            json.writeValue(outDir.resolve(name).toFile(), c);
            written.add(name);
        }
        json.writeValue(outDir.resolve("verdict.json").toFile(), Map.of("batch", "reference", "seed", 7, "verdict", "FAIL"));
        json.writeValue(outDir.resolve(OutDirectory.MARKER).toFile(), new OutDirectory.Marker(OutDirectory.Marker.OWNER,
                OutDirectory.Marker.NOTE, "fc-earlier", true, OutDirectory.OUTPUTS, written, List.of()));
        return outDir;
    }

    private static CheckResult check(String suite, String target, String job, String name, CheckStatus status) {
        return new CheckResult(job, suite, target, name, status, status == CheckStatus.PASSED ? null : "it broke",
                Map.of(), null, null, 1_000, null);
    }

    @Test
    void onlyTheFailedChecksGroupIsPlannedWithTheEarlierSeed() throws Exception {
        Path earlier = finishedRun(List.of(
                check("integration", "yarn-mini", "keyed-sequence", "deploy", CheckStatus.PASSED),
                check("integration", "yarn-mini", "keyed-sequence", "exactly-once", CheckStatus.PASSED),
                check("fault", "k8s-emulated", "keyed-sequence-unbounded", "deploy", CheckStatus.PASSED),
                check("fault", "k8s-emulated", "keyed-sequence-unbounded", "freeze", CheckStatus.FAILED)));

        assertEquals(ExitCodes.PASS, run("--rerun-failed", earlier.toString(), "--dry-run"), err.toString());
        String plan = out.toString(StandardCharsets.UTF_8);
        List<String> groups = plan.lines().filter(l -> l.startsWith("- ")).toList();
        assertEquals(List.of("- keyed-sequence-unbounded @ k8s-emulated [fault: faults on jobs]"), groups, plan);
        assertTrue(plan.contains("seed 7"), "the earlier run's seed, so the same schedule: " + plan);
    }

    @Test
    void aRunWithoutFailuresHasNothingToRerun() throws Exception {
        Path earlier = finishedRun(List.of(check("integration", "yarn-mini", "keyed-sequence", "deploy", CheckStatus.PASSED)));
        assertEquals(ExitCodes.PASS, run("--rerun-failed", earlier.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("nothing to re-run"), out.toString());
    }

    @Test
    void suitesTargetsAndOutAreTheEarlierRunsAndAnOutWithoutARunIsBadInput() throws Exception {
        Path earlier = finishedRun(List.of(check("fault", "yarn-mini", "keyed-sequence-unbounded", "freeze", CheckStatus.FAILED)));
        assertEquals(ExitCodes.BAD_INPUT, run("--rerun-failed", earlier.toString(), "--suites", "fault", "--dry-run"));
        assertTrue(err.toString().contains("--rerun-failed"), err.toString());
        err.reset();
        Path empty = Files.createDirectories(dir.resolve("nothing"));
        assertEquals(ExitCodes.BAD_INPUT, run("--rerun-failed", empty.toString(), "--dry-run"));
        assertTrue(err.toString().contains("--rerun-failed"), err.toString());
        assertFalse(Files.exists(empty.resolve(OutDirectory.MARKER)), "nothing written into a folder without a run");
    }
}
