package io.flinkcertify.suite.integration;

import io.flinkcertify.harness.evidence.ExactlyOnce;
import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.oracle.CommittedOutput;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.process.FileTrees;
import io.flinkcertify.harness.process.PortAllocator;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.run.JobRun;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.standalone.StandaloneTarget;
import io.flinkcertify.harness.workload.OracleKind;
import io.flinkcertify.harness.workload.ReferenceWorkloads;
import io.flinkcertify.harness.workload.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exactly-once oracle has teeth on real committed output: a real run passes, the same output with one
 * record duplicated and one removed fails with both named. And the run leaves nothing behind: no process
 * with this run's marker, no held port, no workspace.
 */
@Tag("integration")
class CorruptedOutputTest {

    @TempDir
    Path scratch;

    @Test
    void oracleCatchesDuplicatesAndLossInRealCommittedOutput() throws Exception {
        FlinkDistribution distribution = FlinkDistribution.fromClasspath();
        List<String> args = new ArrayList<>(List.of("--output", Workload.OUTPUT_PLACEHOLDER));
        args.addAll(List.of("--keys", "4", "--records", "6000", "--rate", "1500", "--checkpoint-interval-ms", "1000"));
        Workload workload = new Workload("corruption-probe", distribution.referenceJobJar(),
                ReferenceWorkloads.KEYED_SEQUENCE_MAIN, args, 2, java.util.Map.of(),
                Set.of(OracleKind.EXACTLY_ONCE), true, Duration.ofSeconds(5),
                io.flinkcertify.harness.targets.DeploymentMode.SESSION, "--rate");
        ExactlyOnceOracle.Expectation expectation =
                new ExactlyOnceOracle.Expectation(OptionalLong.of(4), OptionalLong.of(6000));

        Path copy = scratch.resolve("output");
        List<Long> pids;
        int restPort;
        try (JobRun run = new JobRun(workload, StandaloneTarget.KIND,
                TargetOptions.defaults(distribution).withWorkRoot(scratch.resolve("work")), scratch.resolve("report"))) {
            assertTrue(run.deploy().passed());
            assertTrue(run.finish().passed());
            Judgement clean = run.exactlyOnce();
            assertTrue(clean.passed(), clean.reason());
            assertEquals(6000L, clean.evidence(ExactlyOnce.class).recordsVerified());
            FileTrees.copy(run.outputDir(), copy);
            pids = ownProcesses();
            restPort = run.restEndpoint().getPort();
            assertFalse(pids.isEmpty(), "the run should have started Flink processes");
        }

        // after close: nothing of the run is left
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived teardown");
        }
        assertTrue(PortAllocator.isFree(restPort), "REST port " + restPort + " still held after teardown");
        try (Stream<Path> left = Files.list(scratch.resolve("work"))) {
            assertEquals(0, left.count(), "workspace directories left behind");
        }

        List<Path> files = CommittedOutput.files(copy);
        Path first = files.get(0);
        Path last = files.get(files.size() - 1);
        List<String> firstLines = new ArrayList<>(Files.readAllLines(first));
        String duplicated = firstLines.get(0);
        firstLines.add(duplicated);
        Files.write(first, firstLines);
        List<String> lastLines = new ArrayList<>(Files.readAllLines(last));
        String removed = lastLines.remove(lastLines.size() / 2);
        Files.write(last, lastLines);

        Judgement corrupted = new ExactlyOnceOracle().judge(copy, expectation);
        assertFalse(corrupted.passed(), "oracle passed corrupted output");
        assertEquals(1L, corrupted.evidence(ExactlyOnce.class).repeats(), corrupted.reason());
        assertEquals(1L, corrupted.evidence(ExactlyOnce.class).gaps(), corrupted.reason());
        assertTrue(corrupted.reason().contains(duplicated.split(",")[0]), corrupted.reason());
        assertTrue(corrupted.reason().contains("missing") && corrupted.reason().contains("duplicated"), corrupted.reason());
        assertTrue(String.valueOf(corrupted.evidence(ExactlyOnce.class).gapsByKey()).contains(removed.split(",")[1]),
                "the removed value " + removed + " is not named: " + corrupted.evidence());
    }

    private static List<Long> ownProcesses() {
        String marker = RunId.current().marker();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
