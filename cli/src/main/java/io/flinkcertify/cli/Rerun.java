package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import io.flinkcertify.harness.run.RunSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rerun of an earlier run's failed checks: the planned groups that hold one run again, whole (a deployment's
 * phases are a sequence), with the earlier run's seed, on the targets they need; every other check keeps its result.
 *
 * @param failedChecks the {@link RunSettings#checkKey}s of the failed checks: which groups run again
 * @param replaced     the keys of every check of those groups: which earlier results the rerun replaces
 * @param shard        the earlier run's {@code --shard} ("2/3"), which the rerun keeps; null when it had none
 * @param faultSuiteRan whether the earlier run had the fault suite (its plans then left out what that suite covers)
 * @param integrationSuiteRan whether the earlier run had the integration suite (the fault suite's plan then held
 *                      its availability window)
 * @param performanceSuiteRan whether the earlier run's trials were the performance suite's, whole (a JobManager
 *                      failover is their mark), rather than the regression suite's alone
 */
record Rerun(Set<String> failedChecks, Set<String> replaced, List<String> suites, List<String> targets, long seed,
             String batch, int failed, String shard, boolean faultSuiteRan, boolean integrationSuiteRan,
             boolean performanceSuiteRan) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Rerun of(Path out) {
        Path verdictFile = out.resolve("verdict.json");
        if (!Files.isRegularFile(verdictFile)) {
            throw new BadInput("--rerun-failed", out + " has no verdict.json", "pass the --out of a run that finished");
        }
        JsonNode verdict;
        try {
            verdict = JSON.readTree(verdictFile.toFile());
        } catch (IOException e) {
            throw new BadInput("--rerun-failed", verdictFile + " is not a verdict this harness wrote", "pass the --out of a finished run");
        }
        List<CheckResult> results = new CheckLedger(out).read();
        List<CheckResult> failedChecks = results.stream().filter(r -> r.status() == CheckStatus.FAILED).toList();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> suites = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        for (CheckResult r : failedChecks) {
            keys.add(RunSettings.checkKey(r.suite(), r.job(), r.target(), r.name()));
            suites.add(r.suite());
            // a check across targets ("a->b") needs both
            targets.addAll(Arrays.asList(r.target().split("->")));
        }
        return new Rerun(keys, Set.of(), List.copyOf(suites), List.copyOf(targets), verdict.path("seed").asLong(1),
                verdict.path("batch").asText(), failedChecks.size(),
                verdict.hasNonNull("shard") ? verdict.get("shard").asText() : null,
                results.stream().anyMatch(r -> "fault".equals(r.suite())),
                results.stream().anyMatch(r -> "integration".equals(r.suite())),
                results.stream().anyMatch(r -> "performance".equals(r.suite()) && "jobmanager-failover".equals(r.name())));
    }

    /** This rerun with the checks it replaces: every check of the planned groups that hold a failed one. */
    Rerun replacing(List<io.flinkcertify.harness.plan.PlannedGroup> planned) {
        Set<String> all = new LinkedHashSet<>();
        for (io.flinkcertify.harness.plan.PlannedGroup g : planned) {
            List<String> inGroup = g.checks().stream()
                    .map(c -> RunSettings.checkKey(c.suite(), c.job().id(), c.target(), c.name())).toList();
            if (inGroup.stream().anyMatch(failedChecks::contains)) {
                all.addAll(inGroup);
            }
        }
        return new Rerun(failedChecks, Set.copyOf(all), suites, targets, seed, batch, failed, shard, faultSuiteRan,
                integrationSuiteRan, performanceSuiteRan);
    }

    /** How many of the earlier results the rerun keeps. */
    long kept(List<CheckResult> earlier) {
        return earlier.stream().filter(r -> !replaced.contains(RunSettings.checkKey(r.suite(), r.job(), r.target(), r.name()))).count();
    }

    /** Whether a check file of the earlier run belongs to a group that runs again (and so is replaced). */
    boolean replaces(Path checkFile) {
        try {
            JsonNode c = JSON.readTree(checkFile.toFile());
            return replaced.contains(RunSettings.checkKey(c.path("suite").asText(), c.path("job").asText(),
                    c.path("target").asText(), c.path("name").asText()));
        } catch (IOException e) {
            return false; // not a check file of ours: left alone
        }
    }

    String only() {
        return String.join(";", failedChecks);
    }
}
