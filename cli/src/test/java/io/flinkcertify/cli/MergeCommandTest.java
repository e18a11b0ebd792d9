package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkcertify.harness.gate.Gate;
import io.flinkcertify.harness.gate.Policy;
import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/certify merge}: shard OUTs written as a run writes them (CheckLedger, RunVerdict) put together give the
 * verdict one run over all the checks gives; OUTs that are not one whole set of shards are refused.
 */
class MergeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JOBS = IntStream.range(0, 12).mapToObj(i -> "job-" + i).toList();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(List<Path> shards, String... more) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", dir.resolve("merged").toString()));
        args.addAll(List.of(more));
        shards.forEach(s -> args.add(s.toString()));
        return CertifyCommand.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    /** Every job's checks; {@code failing} fails one fault check. */
    private static List<CheckResult> checks(String job, boolean failing) {
        return List.of(
                new CheckResult(job, "integration", "yarn-mini", "deploy", CheckStatus.PASSED, null,
                        Map.of("submitToRunningMs", 18000), null, null, 20000, null),
                new CheckResult(job, "integration", "k8s-emulated", "deploy", CheckStatus.PASSED, null,
                        Map.of("submitToRunningMs", 17000), null, null, 19000, null),
                failing ? new CheckResult(job, "fault", "k8s-emulated", "taskmanager-kill", CheckStatus.FAILED,
                        "not RUNNING within 120 s", Map.of(), null, null, 130000, null)
                        : new CheckResult(job, "fault", "k8s-emulated", "taskmanager-kill", CheckStatus.PASSED, null,
                        Map.of("recoveryMs", 9000), null, null, 30000, null),
                new CheckResult(job, "fault", "yarn-mini", "apiserver-latency", CheckStatus.SKIPPED,
                        "yarn-mini has no API server", Map.of(), null, null, 1, null));
    }

    /** One run over all jobs: the reference the merge must equal. Its check files are the shards' source. */
    private Path wholeRun(String failingJob) throws IOException {
        Path whole = dir.resolve("whole");
        Files.createDirectories(whole);
        CheckLedger ledger = new CheckLedger(whole);
        JOBS.forEach(j -> checks(j, j.equals(failingJob)).forEach(ledger::record));
        writeVerdict(whole, JOBS, "wave-1", "1.20.1", 7, null);
        return whole;
    }

    /** verdict.json exactly as a run writes it: the gate's judgement of the checks in OUT. */
    private static void writeVerdict(Path out, List<String> jobs, String batch, String flink, long seed, String shard)
            throws IOException {
        Verdict v = RunVerdict.judge(new Gate(Policy.defaults(), Optional.empty(), false), out, batch, jobs,
                new CheckLedger(out).read(), List.of(), flink, seed, "20261201-" + (shard == null ? "0" : shard.charAt(0)))
                .verdict();
        RunVerdict.write(out, shard == null ? v : v.withShard(shard));
    }

    /** Shard I of N of the whole run, as its own run would have written it. */
    private Path shardOut(Path whole, Shard shard, String batch, String flink, long seed) throws IOException {
        Path out = dir.resolve("shard-" + shard.index() + "-of-" + shard.count() + "-" + batch + flink + seed);
        Files.createDirectories(out.resolve("checks"));
        List<String> jobs = JOBS.stream().filter(shard::holds).toList();
        try (var files = Files.list(whole.resolve("checks"))) {
            for (Path f : files.toList()) {
                String job = JSON.readTree(f.toFile()).get("job").asText();
                if (jobs.contains(job)) {
                    Files.copy(f, out.resolve("checks").resolve(f.getFileName()));
                }
            }
        }
        for (String job : jobs) {
            Files.createDirectories(out.resolve("logs").resolve(job));
            Files.writeString(out.resolve("logs").resolve(job).resolve("jobmanager.log"), "log of " + job);
        }
        Files.createDirectories(out.resolve("junit"));
        Files.writeString(out.resolve("junit/TEST-junit-jupiter.xml"), "<testsuite name='shard " + shard + "'/>");
        // every run writes these two from its own verdict; merge writes them again from the whole one
        Files.createDirectories(out.resolve("allure-results"));
        Files.writeString(out.resolve("allure-results/categories.json"), "[]");
        Files.writeString(out.resolve("allure-results/environment.properties"), "Seed = " + seed);
        writeVerdict(out, jobs, batch, flink, seed, shard.toString());
        return out;
    }

    private List<Path> shards(Path whole, int n) throws IOException {
        List<Path> outs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            outs.add(shardOut(whole, new Shard(i, n), "wave-1", "1.20.1", 7));
        }
        return outs;
    }

    @Test
    void theShardsSplitTheTestBatch() {
        // the cases below need every shard of 3 to hold jobs, or a merge could pass for the wrong reason
        for (int i = 1; i <= 3; i++) {
            Shard s = new Shard(i, 3);
            assertTrue(JOBS.stream().anyMatch(s::holds), "shard " + s + " holds a job");
        }
    }

    @Test
    void mergedVerdictIsTheVerdictOverAllChecks() throws IOException {
        Path whole = wholeRun("job-4");
        assertEquals(ExitCodes.VERDICT_FAIL, run(shards(whole, 3)), stderr.toString());
        assertSameVerdict(whole, dir.resolve("merged"));
        JsonNode merged = JSON.readTree(dir.resolve("merged/verdict.json").toFile());
        assertEquals("FAIL", merged.get("verdict").asText());
        assertEquals(3, merged.get("shards").asInt());
        assertFalse(merged.has("shard"), "a merged verdict is not a shard's");
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("merge: 3 shard(s)"), stdout.toString());
    }

    @Test
    void mergedPassingShardsPass() throws IOException {
        Path whole = wholeRun(null);
        assertEquals(ExitCodes.PASS, run(shards(whole, 3)), stderr.toString());
        assertSameVerdict(whole, dir.resolve("merged"));
        assertEquals("PASS", JSON.readTree(dir.resolve("merged/verdict.json").toFile()).get("verdict").asText());
    }

    @Test
    void mergedOutHoldsEveryShardsFilesAndItsOwnReports() throws IOException {
        Path whole = wholeRun(null);
        List<Path> outs = shards(whole, 3);
        assertEquals(ExitCodes.PASS, run(outs), stderr.toString());
        Path merged = dir.resolve("merged");
        try (var files = Files.list(merged.resolve("checks"))) {
            assertEquals(JOBS.size() * 4, files.count());
        }
        for (String job : JOBS) {
            assertTrue(Files.isRegularFile(merged.resolve("logs").resolve(job).resolve("jobmanager.log")), job);
        }
        for (int i = 1; i <= 3; i++) {
            assertTrue(Files.readString(merged.resolve("junit/shard-" + i + "/TEST-junit-jupiter.xml"))
                    .contains("shard " + i + "/3"));
        }
        assertTrue(Files.isRegularFile(merged.resolve("report.html")));
        assertTrue(Files.isRegularFile(merged.resolve(OutDirectory.MARKER)), "DIR is marked as the harness's");
        // a second merge into the same DIR replaces what the first wrote
        stdout.reset();
        assertEquals(ExitCodes.PASS, run(outs), stderr.toString());
    }

    @Test
    void refusesShardsOfDifferentBatchFlinkOrSeed() throws IOException {
        Path whole = wholeRun(null);
        List<Path> outs = shards(whole, 3);
        refused(List.of(outs.get(0), outs.get(1), shardOut(whole, new Shard(3, 3), "wave-2", "1.20.1", 7)),
                "batch is wave-1", "but wave-2");
        refused(List.of(outs.get(0), outs.get(1), shardOut(whole, new Shard(3, 3), "wave-1", "1.19.0", 7)),
                "flinkVersion is 1.20.1", "but 1.19.0");
        refused(List.of(outs.get(0), outs.get(1), shardOut(whole, new Shard(3, 3), "wave-1", "1.20.1", 8)),
                "seed is 7", "but 8");
    }

    @Test
    void refusesShardsOfDifferentCountsTwiceGivenOrMissing() throws IOException {
        Path whole = wholeRun(null);
        List<Path> three = shards(whole, 3);
        Path ofTwo = shardOut(whole, new Shard(2, 2), "wave-1", "1.20.1", 7);
        refused(List.of(three.get(0), ofTwo, three.get(2)), "shard count is 3", "but 2");
        refused(List.of(three.get(0), three.get(1), three.get(1)), "shard 2/3 is given twice");
        refused(List.of(three.get(1)), "shard(s) [1, 3] missing");
    }

    @Test
    void refusesAMissingVerdictAnUnshardedOutAndAClash() throws IOException {
        Path whole = wholeRun(null);
        List<Path> outs = shards(whole, 3);
        Path empty = Files.createDirectories(dir.resolve("no-verdict"));
        refused(List.of(outs.get(0), empty, outs.get(2)), "no-verdict has no verdict.json");
        refused(List.of(outs.get(0), whole, outs.get(2)), "is not a shard run");
        Files.writeString(outs.get(2).resolve("logs/clash.log"), "c");
        Files.writeString(outs.get(1).resolve("logs/clash.log"), "c");
        refused(outs, "logs/clash.log is in both");
    }

    @Test
    void refusesANonEmptyDirItDidNotMake() throws IOException {
        Path whole = wholeRun(null);
        List<Path> outs = shards(whole, 3);
        Files.createDirectories(dir.resolve("merged"));
        Files.writeString(dir.resolve("merged/notes.txt"), "mine");
        refused(outs, "--out");
        assertEquals(ExitCodes.PASS, run(outs, "--force"), stderr.toString());
        assertEquals("mine", Files.readString(dir.resolve("merged/notes.txt")));
    }

    @Test
    void refusesADirThatIsOrHoldsAShardsOut() throws IOException {
        Path whole = wholeRun(null);
        List<Path> outs = shards(whole, 3);
        Set<String> before = files(outs.get(0));
        List<String> args = new ArrayList<>(List.of("merge", "--out", outs.get(0).toString()));
        outs.forEach(o -> args.add(o.toString()));
        assertEquals(ExitCodes.BAD_INPUT, CertifyCommand.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), args.toArray(String[]::new)));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("--out"), stderr.toString());
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("overlaps shard OUT"), stderr.toString());
        assertEquals(before, files(outs.get(0)), "the shard's files are untouched");
    }

    private void refused(List<Path> shards, String... named) {
        stderr.reset();
        stdout.reset();
        Set<String> before = files(dir.resolve("merged"));
        assertEquals(ExitCodes.BAD_INPUT, run(shards), stderr.toString());
        String line = stderr.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, line.lines().count(), line);
        for (String n : named) {
            assertTrue(line.contains(n), "names '" + n + "': " + line);
        }
        assertEquals(before, files(dir.resolve("merged")), "a refused merge writes nothing");
    }

    private static Set<String> files(Path root) {
        if (!Files.exists(root)) {
            return Set.of();
        }
        try (var s = Files.walk(root)) {
            return new HashSet<>(s.map(Path::toString).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Same outcome, counts, reasons and per-job checks and assessments; the run id and job order may differ. */
    private static void assertSameVerdict(Path expectedOut, Path actualOut) throws IOException {
        JsonNode expected = JSON.readTree(expectedOut.resolve("verdict.json").toFile());
        JsonNode actual = JSON.readTree(actualOut.resolve("verdict.json").toFile());
        for (String field : List.of("batch", "verdict", "flinkVersion", "seed", "counts")) {
            assertEquals(expected.get(field), actual.get(field), field);
        }
        assertEquals(set(expected.get("reasons")), set(actual.get("reasons")), "reasons");
        assertEquals(byId(expected.get("jobs")), byId(actual.get("jobs")), "jobs");
    }

    private static Set<JsonNode> set(JsonNode array) {
        return array == null ? Set.of() : new HashSet<>(StreamSupport.stream(array.spliterator(), false).toList());
    }

    private static Map<String, JsonNode> byId(JsonNode jobs) {
        Map<String, JsonNode> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.get("id").asText(), ((ObjectNode) j.deepCopy())));
        return byId;
    }
}
