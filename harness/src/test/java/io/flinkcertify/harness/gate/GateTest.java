package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.Change;
import io.flinkcertify.harness.metric.Metric;
import io.flinkcertify.harness.metric.MetricSamples;
import io.flinkcertify.harness.metric.Samples;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {

    @TempDir
    Path dir;

    private static List<MetricSamples> throughput(double... values) {
        return List.of(new MetricSamples("wordcount", "k8s-emulated", "1.20.1", "sha", "cfg",
                new Samples(Metric.THROUGHPUT_PER_CORE, java.util.Arrays.stream(values).boxed().toList())));
    }

    private static final List<CheckResult> PASSED = List.of(new CheckResult("wordcount", "integration", "k8s-emulated",
            "exactly-once", CheckStatus.PASSED, null, Map.of(), null, null, 1, null));

    @Test
    void recordedRunsBecomeTheBaselineAndASlowerRunIsARegressionInTheScore() {
        BaselineStore store = BaselineStore.open(dir, false);
        Gate recording = new Gate(Policy.defaults(), Optional.of(store), true);
        Gate.Outcome first = recording.judge(List.of("wordcount"), PASSED, throughput(1000, 1010, 990, 1005, 995),
                List.of(), "run-1", Instant.EPOCH);
        assertEquals(Change.Classification.INSUFFICIENT_DATA, first.changes().get(0).classification());
        assertEquals(1, first.recorded().size());
        recording.judge(List.of("wordcount"), PASSED, throughput(1002, 998, 1008, 992, 1000), List.of(), "run-2", Instant.EPOCH);

        Gate comparing = new Gate(Policy.defaults(), Optional.of(store), false);
        Gate.Outcome slower = comparing.judge(List.of("wordcount"), PASSED, throughput(900, 905, 895, 902, 898),
                List.of(), "run-3", Instant.EPOCH);
        assertEquals(Change.Classification.REGRESSION, slower.changes().get(0).classification(), slower.changes().get(0).line());
        assertTrue(slower.recorded().isEmpty());
        assertEquals(2, store.history(throughput(1).get(0).key()).size(), "comparing alone records nothing");
        ComponentScore regression = slower.jobs().get(0).components().get(Component.REGRESSION.ordinal());
        assertEquals(0.0, regression.score());
        assertTrue(slower.jobs().get(0).score() < 10);
    }

    @Test
    void aFailedCheckIsDiagnosedFromTheLogsTheRunKept() throws java.io.IOException {
        Path kept = java.nio.file.Files.createDirectories(dir.resolve("out/logs/yarn-mini-wordcount/container_01"));
        java.nio.file.Files.writeString(kept.resolve("jobmanager.log"), "INFO started\nWARN State change: SUSPENDED\n"
                + "ERROR State change: LOST\n");
        java.nio.file.Files.writeString(kept.resolve("taskmanager.log"), "java.lang.OutOfMemoryError: not this one\n");
        List<CheckResult> results = List.of(
                new CheckResult("wordcount", "fault", "yarn-mini", "zookeeper-suspension", CheckStatus.FAILED,
                        "not RUNNING within the grace", Map.of(), null, null, 1, null),
                new CheckResult("wordcount", "fault", "k8s-emulated", "freeze", CheckStatus.FAILED, "no checkpoint after",
                        Map.of(), null, null, 1, null));
        JobAssessment a = new Gate(Policy.defaults(), Optional.empty(), false).judge(List.of("wordcount"), results,
                List.of(), List.of(), "r", Instant.EPOCH, new KeptLogs(dir.resolve("out"))::linesFor).jobs().get(0);
        assertEquals(2, a.diagnoses().size());
        Diagnosis zk = a.diagnoses().get(0);
        assertEquals("lost-leadership", zk.causes().get(0).rule());
        assertEquals(1, zk.causes().size(), "the TaskManager's log is not the JobManager's: " + zk);
        assertTrue(a.diagnoses().get(1).summary().startsWith(Diagnosis.NO_RULE_MATCHED), a.diagnoses().get(1).summary());

        try (java.io.InputStream in = getClass().getResourceAsStream("/flink-certify/job-assessment.schema.json")) {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            var errors = com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
                    .getSchema(json.readTree(in)).validate(json.valueToTree(a));
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }
}
