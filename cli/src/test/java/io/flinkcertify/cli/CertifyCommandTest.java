package io.flinkcertify.cli;

import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.targets.TargetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The CLI's input contract: bad input exits 2 with one line naming the field, and starts nothing. */
class CertifyCommandTest extends CliTest {

    @TempDir
    Path dir;


    private String errLine() {
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), "expected exactly one line, got:\n" + text);
        return text;
    }

    private Path manifest(String yaml) throws Exception {
        return Files.writeString(dir.resolve("batch.yaml"), yaml);
    }

    @Test
    void missingJarIsBadInputNamingTheField() throws Exception {
        Path m = manifest("batch: b\njobs:\n  - id: a\n    jar: missing.jar\n    entryClass: x.Main\n");
        assertEquals(ExitCodes.BAD_INPUT, run("--batch", m.toString(), "--out", dir.resolve("out").toString()));
        assertTrue(errLine().contains("jobs[0].jar"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "bad input must not create outputs");
    }

    @Test
    void unknownOracleIsBadInputNamingTheField() throws Exception {
        Path m = manifest("batch: b\njobs:\n  - id: a\n    workload: keyed-sequence\n    oracles: [exactly-once, telepathy]\n");
        assertEquals(ExitCodes.BAD_INPUT, run("--batch", m.toString()));
        String line = errLine();
        assertTrue(line.contains("jobs[0].oracles") && line.contains("telepathy"), line);
    }

    @Test
    void badYamlIsBadInputWithLocation() throws Exception {
        Path m = manifest("batch: b\njobs:\n  - id: a\n   workload: [\n");
        assertEquals(ExitCodes.BAD_INPUT, run("--batch", m.toString()));
        String line = errLine();
        assertTrue(line.contains("not valid YAML") && line.contains("line "), line);
    }

    @Test
    void unknownTargetAndSuiteAreBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, run("--targets", "nowhere", "--dry-run"));
        assertTrue(errLine().contains("--targets"));
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--suites", "vibes", "--dry-run"));
        assertTrue(errLine().contains("--suites"));
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--suites", "regression", "--dry-run"));
        assertTrue(errLine().contains("--suites"));
    }

    @Test
    void thePerformanceSuitePlansTrialsAlternatingTargetsThenComparesWithYarn() {
        assertEquals(ExitCodes.PASS, run("--suites", "performance", "--targets", "yarn-mini,k8s-emulated", "--dry-run"));
        String plan = out.toString();
        int yarn1 = plan.indexOf("keyed-sequence-unbounded @ yarn-mini trial 1");
        int k8s1 = plan.indexOf("keyed-sequence-unbounded @ k8s-emulated trial 1");
        int yarn2 = plan.indexOf("keyed-sequence-unbounded @ yarn-mini trial 2");
        assertTrue(yarn1 >= 0 && yarn1 < k8s1 && k8s1 < yarn2, plan);
        assertTrue(plan.contains("keyed-sequence-unbounded vs yarn-mini"), plan);
        assertTrue(!plan.contains("keyed-sequence @ yarn-mini trial"), "a bounded job has no sustained rate: " + plan);
    }

    @Test
    void theRegressionSuiteAloneMeasuresOnlyWhatABaselineCompares() {
        String baseline = dir.resolve("baseline").toString();
        assertEquals(ExitCodes.PASS, run("--suites", "regression", "--baseline", baseline, "--record-baseline", "--targets", "standalone", "--dry-run"));
        String regression = out.toString();
        assertTrue(regression.contains("checks:  launch, first-checkpoint, throughput, recovery, cancel"), regression);
        assertFalse(regression.contains("jobmanager-failover") || regression.contains("restore"),
                "a baseline stores neither the failover nor the restore: " + regression);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--suites", "performance,regression", "--baseline", baseline, "--record-baseline", "--targets", "standalone", "--dry-run"));
        assertTrue(out.toString().contains("recovery, stop-with-savepoint, restore, jobmanager-failover, cancel"),
                "with the performance suite a trial is whole, its restore on a cluster no failover left settling: " + out);
    }

    @Test
    void aTrialsKillsAreSeededPausesWithinOneYarnHeartbeat() {
        List<String> args = List.of("--suites", "performance", "--trials", "4", "--targets", "yarn-mini,k8s-emulated",
                "--capacity-trials", "0", "--seed", "7", "--dry-run");
        assertEquals(ExitCodes.PASS, run(args.toArray(String[]::new)));
        String first = out.toString();
        out.reset();
        assertEquals(ExitCodes.PASS, run(args.toArray(String[]::new)));
        assertEquals(first, out.toString(), "the same seed, the same pauses");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("inject taskmanager-kill of taskmanager#0 at \\+([0-9.]+) s").matcher(first);
        List<Double> pauses = new ArrayList<>();
        while (m.find()) {
            pauses.add(Double.parseDouble(m.group(1)));
        }
        assertEquals(8, pauses.size(), first);
        assertTrue(pauses.stream().allMatch(p -> p >= 0 && p < 5), pauses.toString());
        assertTrue(pauses.stream().distinct().count() >= 6, "each trial its own phase: " + pauses);
    }

    @Test
    void theDryRunShowsWhatTheRunWillDoWithItsOwnFlags() {
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault,tuning", "--targets", "standalone",
                "--faults", "freeze,taskmanager-kill"));
        String plan = out.toString();
        assertTrue(plan.contains("checks:  deploy, first-checkpoint, taskmanager-kill, freeze, cancel")
                || plan.contains("checks:  deploy, first-checkpoint, freeze, taskmanager-kill, cancel"), plan);
        assertTrue(!plan.contains("partition") && !plan.contains("jobmanager-kill,"), "only the chosen kinds: " + plan);
        assertTrue(plan.contains("ab:heartbeat.timeout") && !plan.contains("ab:high-availability.zookeeper"),
                "an A/B under a fault not chosen is not planned: " + plan);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault,tuning", "--targets", "standalone", "--tunings", "none"));
        assertTrue(!out.toString().contains("ab:") && out.toString().contains("freeze"),
                "--tunings none: the schedule without any A/B: " + out);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault", "--targets", "standalone"));
        assertTrue(!out.toString().contains("ab:") && out.toString().contains("lint:settings"),
                "the reference jobs' settings have no lint finding: the fault suite plans no A/B: " + out);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault,tuning", "--targets", "standalone", "--tunings",
                "heartbeat.timeout"));
        assertTrue(out.toString().contains("ab:heartbeat.timeout") && !out.toString().contains("ab:high-availability"),
                "only the chosen setting's A/B: " + out);
        assertTrue(out.toString().contains("4 run(s) a side alternating"), "four runs a side by default: " + out);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "tuning", "--targets", "standalone", "--tunings",
                "heartbeat.timeout", "--tuning-trials", "2"));
        assertTrue(out.toString().contains("2 run(s) a side alternating")
                        && out.toString().contains("deployments: 4 fresh cluster(s)"),
                "--tuning-trials 2: one unbounded job, two runs a side: " + out);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--targets", "standalone"));
        String defaults = out.toString();
        assertTrue(!defaults.contains("taskmanager-loss") && defaults.contains("taskmanager-kill"),
                "with the fault suite, the integration suite leaves the recoveries to its schedule: " + defaults);
        // 2 jobs on standalone: the bounded job's deployment (1) and savepoint move (2), the unbounded job's one
        // deployment (1), which serves the integration suite's checks and the fault schedule; the bounded job's
        // equivalent-output compares two reference runs, the integration suite's and one more
        assertTrue(defaults.contains("deployments: 4 fresh cluster(s), plus at most 2 fault-free reference run(s)"),
                defaults);
        assertTrue(!defaults.contains("keyed-sequence-unbounded @ standalone [integration")
                        && defaults.contains("checks:  deploy, first-checkpoint, availability, "),
                "the unbounded job is deployed once, its availability window before the fault schedule: " + defaults);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "integration", "--targets", "standalone"));
        assertTrue(out.toString().contains("taskmanager-loss") && out.toString().contains("jobmanager-failover"),
                "without it, the integration suite checks them itself: " + out);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "performance", "--targets", "standalone", "--trials", "3"));
        assertTrue(out.toString().contains("trial 3 [") && !out.toString().contains("trial 4 ["), "--trials 3, not the default 2");
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "performance", "--targets", "standalone"));
        assertTrue(out.toString().contains("trial 2 [") && !out.toString().contains("trial 3 ["), "the default: 2 trials");
    }

    @Test
    void trialsNeedThePerformanceSuiteAndAPositiveCount() {
        assertEquals(ExitCodes.BAD_INPUT, run("--trials", "3", "--dry-run"));
        assertTrue(errLine().contains("--trials"), err.toString());
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--suites", "performance", "--trials", "0", "--dry-run"));
        assertTrue(errLine().contains("--trials"), err.toString());
    }

    @Test
    void badFlagValueIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, run("--seed", "many"));
        assertTrue(errLine().contains("--seed"));
    }

    @Test
    void aShardsDryRunPlansOnlyItsJobs() {
        // the reference batch's two jobs, split by the smallest N that puts them in different shards
        int n = java.util.stream.IntStream.rangeClosed(2, 64).filter(k -> java.util.stream.IntStream.rangeClosed(1, k)
                .noneMatch(i -> new Shard(i, k).holds("keyed-sequence") && new Shard(i, k).holds("keyed-sequence-unbounded")))
                .findFirst().orElseThrow();
        Shard own = java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> new Shard(i, n))
                .filter(s -> s.holds("keyed-sequence")).findFirst().orElseThrow();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--shard", own.toString()));
        String plan = out.toString(StandardCharsets.UTF_8);
        assertTrue(plan.contains("dry run: shard " + own + ": 1 of batch 'reference''s 2 job(s)"), plan);
        assertTrue(plan.contains("keyed-sequence @ yarn-mini"), plan);
        assertFalse(plan.contains("keyed-sequence-unbounded"), plan);
    }

    @Test
    void aShardWithNoJobPassesWithAnEmptyVerdictAndStartsNothing() throws Exception {
        Shard empty = java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(i -> new Shard(i, 1000))
                .filter(s -> !s.holds("keyed-sequence") && !s.holds("keyed-sequence-unbounded")).findFirst().orElseThrow();
        long childrenBefore = ProcessHandle.current().descendants().count();
        Path outDir = dir.resolve("out");
        assertEquals(ExitCodes.PASS, run("--shard", empty.toString(), "--out", outDir.toString()), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("shard " + empty + " holds none of batch"), out.toString());
        com.fasterxml.jackson.databind.JsonNode verdict = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(outDir.resolve("verdict.json").toFile());
        assertEquals("PASS", verdict.get("verdict").asText());
        assertEquals(empty.toString(), verdict.get("shard").asText());
        assertEquals(0, verdict.get("jobs").size());
        assertFalse(verdict.has("reasons"), verdict.toString());
        assertEquals(childrenBefore, ProcessHandle.current().descendants().count(), "an empty shard started a process");
    }

    @Test
    void dryRunPrintsThePlanAndStartsNoProcess() {
        long childrenBefore = ProcessHandle.current().descendants().count();
        assertEquals(ExitCodes.PASS, run("--dry-run"));
        String plan = out.toString(StandardCharsets.UTF_8);
        assertTrue(plan.contains("keyed-sequence @ k8s-emulated"), plan);
        assertTrue(plan.contains("keyed-sequence @ yarn-mini"), plan);
        assertTrue(plan.contains("--output ${output}"), plan);
        assertTrue(plan.contains("faults:"), plan);
        assertEquals(childrenBefore, ProcessHandle.current().descendants().count(), "dry run started a process");
    }

    @Test
    void theSameSeedPrintsTheSameFaultScheduleAndAnotherSeedAnother() {
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault", "--seed", "42"));
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault", "--seed", "42"));
        String again = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertEquals(ExitCodes.PASS, run("--dry-run", "--suites", "fault", "--seed", "43"));
        String other = out.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("schedule (seed 42)"), first);
        assertEquals(first, again);
        assertTrue(!first.replace("seed 42", "").equals(other.replace("seed 43", "")), "seeds 42 and 43 gave one schedule");
    }

    @Test
    void theKubeconfigTargetRefusesANamespaceThatIsNotAllowListedBeforeStartingAnything() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        assertEquals(ExitCodes.BAD_INPUT, run("--targets", "kubeconfig", "--kubeconfig", kubeconfig.toString(),
                "--namespace", "prod", "--allow-namespace", "team-a", "--dry-run"));
        assertTrue(errLine().contains("--namespace: 'prod' is not allow-listed"), errLine());
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--targets", "kubeconfig", "--kubeconfig", dir.resolve("none").toString(),
                "--namespace", "team-a", "--allow-namespace", "team-a", "--dry-run"));
        assertTrue(errLine().contains("--kubeconfig:"), errLine());
    }

    @Test
    void anOutThatIsAFileOrUnderAFileIsBadInputBeforeTheManifestIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path missingManifest = dir.resolve("none.yaml");
        assertEquals(ExitCodes.BAD_INPUT, run("--batch", missingManifest.toString(), "--out", file.toString()));
        assertTrue(errLine().startsWith("certify: --out: "), err.toString());
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--out", file.resolve("sub").toString(), "--dry-run"));
        assertTrue(errLine().startsWith("certify: --out: "), err.toString());
    }

    @Test
    void aUsersFolderIsRefusedAndLeftExactlyAsItWas() throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("junit"));
        Files.createDirectories(home.resolve("logs"));
        Path mine = Files.writeString(home.resolve("junit/mine.xml"), "<mine/>");
        Path keep = Files.writeString(home.resolve("logs/keep.txt"), "keep");
        assertEquals(ExitCodes.BAD_INPUT, run("--out", home.toString(), "--targets", "k3s"));
        assertTrue(errLine().contains("--force"), err.toString());
        err.reset();
        assertEquals(ExitCodes.BAD_INPUT, run("--out", home.toString(), "--force", "--targets", "k3s"));
        assertTrue(errLine().startsWith("certify: --out: "), err.toString());
        assertEquals("<mine/>", Files.readString(mine));
        assertEquals("keep", Files.readString(keep));
        try (var entries = Files.list(home)) {
            assertEquals(2, entries.count(), "nothing added to the user's folder");
        }
    }

    @Test
    void aRepeatedTargetIsBadInput() {
        assertEquals(ExitCodes.BAD_INPUT, run("--targets", "standalone,standalone", "--dry-run"));
        assertTrue(errLine().contains("--targets: 'standalone' is listed twice"), err.toString());
    }

    @Test
    void aFlagNoChosenTargetReadsIsBadInput() {
        for (String[] flag : new String[][]{{"--namespace", "team-a"}, {"--context", "c"}, {"--kubeconfig", "k"},
                {"--allow-namespace", "team-a"}, {"--storage-dir", "s3://b/p"}, {"--flink-image", "flink:1.20"}}) {
            err.reset();
            assertEquals(ExitCodes.BAD_INPUT, run("--targets", "standalone", flag[0], flag[1], "--dry-run"), flag[0]);
            assertTrue(errLine().startsWith("certify: " + flag[0] + ": does nothing with the chosen targets"), err.toString());
        }
        err.reset();
        assertEquals(ExitCodes.PASS, run("--targets", "k3s", "--flink-image", "flink:1.20", "--dry-run"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("--targets", "k3s", "--namespace", "a", "--dry-run"));
    }

    @Test
    void aTargetThatCannotRunHereIsAnEnvironmentErrorBeforeAnythingStarts() {
        assumeTrue(TargetCatalog.unavailableReason("k3s").isPresent(), "k3s can run on this machine");
        long start = System.nanoTime();
        Path out = dir.resolve("out");
        assertEquals(ExitCodes.ENVIRONMENT, run("--targets", "k3s", "--out", out.toString()));
        String line = errLine();
        assertTrue(line.startsWith("certify: environment error: k3s: "), line);
        assertFalse(Files.exists(out), "nothing written for a run that could not start");
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the availability check is bounded");
    }

    @Test
    void rejudgeWithoutRunRecordsIsBadInputNamingOut() {
        assertEquals(ExitCodes.BAD_INPUT, run("rejudge", dir.toString()));
        assertTrue(errLine().contains("OUT") && errLine().contains("no run records"), err.toString());
    }
}
