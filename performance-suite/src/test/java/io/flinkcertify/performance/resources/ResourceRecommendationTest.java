package io.flinkcertify.performance.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkcertify.harness.probe.ProcessTreeCpu;
import io.flinkcertify.harness.targets.Role;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceRecommendationTest {

    private static final long MIB = 1L << 20;
    private static final ResourceUsage.Given GIVEN_TM = new ResourceUsage.Given(2.0, 4096 * MIB);
    private static final ResourceUsage.Given GIVEN_JM = new ResourceUsage.Given(1.0, 1600 * MIB);

    @Test
    void aRareCpuSpikeRaisesTheLimitFactorNotTheRequest() {
        List<Double> cores = new ArrayList<>(Collections.nCopies(995, 1.0));
        cores.addAll(Collections.nCopies(5, 3.0)); // 0.5 % of samples: above P99
        ResourceRecommendation.RoleAdvice tm = ResourceRecommendation.advise(
                new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, cores, List.of(2000 * MIB), 2000 * MIB));
        assertEquals(1.0, tm.cpuP99(), 1e-9);
        assertEquals(1.2, tm.cpu(), 1e-9, "1.0 x 1.15 rounded up to a tenth of a core");
        assertEquals(3.0, tm.cpuMax(), 1e-9);
        assertEquals(2.9, tm.cpuLimitFactor(), 1e-9, "3.0 x 1.15 / 1.2 = 2.875, rounded up");
    }

    @Test
    void memoryIsP99PlusMarginButNeverBelowThePeak() {
        List<Long> rss = Collections.nCopies(100, 2000 * MIB);
        ResourceRecommendation.RoleAdvice steady = ResourceRecommendation.advise(
                new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, List.of(0.5), rss, 2000 * MIB));
        assertEquals(2304 * MIB, steady.processMemoryBytes(), "2000m x 1.15 = 2300m, rounded up to 64m");
        assertEquals(1.0, steady.memoryLimitFactor());

        ResourceRecommendation.RoleAdvice spiky = ResourceRecommendation.advise(
                new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, List.of(0.5), rss, 2500 * MIB));
        assertEquals(2560 * MIB, spiky.processMemoryBytes(), "the 2500m peak between samples wins over 2300m");
    }

    @Test
    void neverBelowFlinksMinimums() {
        ResourceRecommendation.Recommendation r = ResourceRecommendation.recommend(List.of(
                new ResourceUsage(Role.JOBMANAGER, GIVEN_JM, List.of(0.001, 0.002), List.of(50 * MIB), 60 * MIB),
                new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, List.of(0.0), List.of(100 * MIB), 100 * MIB)));
        ResourceRecommendation.RoleAdvice jm = r.roles().get(0);
        ResourceRecommendation.RoleAdvice tm = r.roles().get(1);
        assertEquals(Role.JOBMANAGER, jm.role());
        assertEquals(0.1, jm.cpu(), 1e-9);
        assertEquals(768 * MIB, jm.processMemoryBytes());
        assertEquals(1024 * MIB, tm.processMemoryBytes());
        assertEquals(1.0, tm.cpuLimitFactor(), 1e-9, "a limit below the request makes no sense");
    }

    @Test
    void theSnippetIsValidYamlWithOnlyKeysFlinkKnows() throws Exception {
        ResourceRecommendation.Recommendation r = ResourceRecommendation.recommend(List.of(
                new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, List.of(0.8, 0.9, 1.1), List.of(1500 * MIB, 1700 * MIB), 1800 * MIB),
                new ResourceUsage(Role.JOBMANAGER, GIVEN_JM, List.of(0.2, 0.3), List.of(900 * MIB), 950 * MIB)));
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(r.flinkConfigYaml());
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = yaml.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        Set<String> flinkKeys = new TreeSet<>(List.of(
                KubernetesConfigOptions.JOB_MANAGER_CPU.key(), KubernetesConfigOptions.TASK_MANAGER_CPU.key(),
                KubernetesConfigOptions.JOB_MANAGER_CPU_LIMIT_FACTOR.key(), KubernetesConfigOptions.TASK_MANAGER_CPU_LIMIT_FACTOR.key(),
                KubernetesConfigOptions.JOB_MANAGER_MEMORY_LIMIT_FACTOR.key(), KubernetesConfigOptions.TASK_MANAGER_MEMORY_LIMIT_FACTOR.key(),
                JobManagerOptions.TOTAL_PROCESS_MEMORY.key(), TaskManagerOptions.TOTAL_PROCESS_MEMORY.key()));
        assertEquals(flinkKeys, keys);
        assertEquals("1984m", yaml.path(TaskManagerOptions.TOTAL_PROCESS_MEMORY.key()).asText(),
                "max(P99 1700m x 1.15 = 1955m, peak 1800m), rounded up to 64m");
        assertTrue(r.flinkConfigYaml().contains("given 2.0 cores / 4096m"), r.flinkConfigYaml());
    }

    @Test
    void usageFromProbeSamplesSkipsTheFirstIntervalAndKeepsEveryInstance() {
        java.time.Instant t = java.time.Instant.EPOCH;
        List<ProcessTreeCpu.Sample> tm1 = List.of(
                new ProcessTreeCpu.Sample(t, 0, 1.0, Double.NaN, List.of(new ProcessTreeCpu.ProcessMemory(1, 500 * MIB, 600 * MIB))),
                new ProcessTreeCpu.Sample(t, 1, 2.5, 1.5, List.of(new ProcessTreeCpu.ProcessMemory(1, 700 * MIB, 800 * MIB),
                        new ProcessTreeCpu.ProcessMemory(2, 10 * MIB, 10 * MIB))));
        List<ProcessTreeCpu.Sample> tm2 = List.of(
                new ProcessTreeCpu.Sample(t, 0, 0.0, Double.NaN, List.of(new ProcessTreeCpu.ProcessMemory(3, 400 * MIB, 400 * MIB))),
                new ProcessTreeCpu.Sample(t, 1, 0.5, 0.5, List.of(new ProcessTreeCpu.ProcessMemory(3, 450 * MIB, 450 * MIB))));
        ResourceUsage u = ResourceUsage.of(Role.TASKMANAGER, GIVEN_TM, List.of(tm1, tm2));
        assertEquals(List.of(1.5, 0.5), u.coresPerProcess());
        assertEquals(List.of(500 * MIB, 710 * MIB, 400 * MIB, 450 * MIB), u.rssBytesPerProcess());
        assertEquals(810 * MIB, u.peakRssBytes(), "the JVM's and its launcher's peaks of one instance");
    }

    @Test
    void noSamplesIsAnErrorNamingTheRole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResourceUsage(Role.TASKMANAGER, GIVEN_TM, List.of(), List.of(MIB), MIB));
        assertTrue(e.getMessage().contains("taskmanager"), e.getMessage());
    }
}
