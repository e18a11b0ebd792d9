package io.flinkcertify.harness.workload;

import io.flinkcertify.harness.targets.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YarnToKubernetesTest {

    /** What a YARN job is typically submitted with today. */
    private static Map<String, String> production() {
        Map<String, String> yarn = new LinkedHashMap<>();
        yarn.put("taskmanager.memory.process.size", "4096m");
        yarn.put("jobmanager.memory.process.size", "1600m");
        yarn.put("taskmanager.numberOfTaskSlots", "2");
        yarn.put("yarn.containers.vcores", "2");
        yarn.put("yarn.appmaster.vcores", "1");
        yarn.put("yarn.application.queue", "etl");
        yarn.put("yarn.ship-files", "/etc/job/lookup.csv");
        yarn.put("yarn.tags", "payments");
        yarn.put("high-availability", "zookeeper");
        yarn.put("high-availability.zookeeper.quorum", "zk1:2181");
        yarn.put("state.checkpoints.dir", "hdfs:///flink/checkpoints");
        yarn.put("containerized.taskmanager.env.TZ", "UTC");
        return yarn;
    }

    @Test
    void everySettingGetsOneOutcome() {
        YarnToKubernetes m = YarnToKubernetes.map(production());
        assertEquals(production().size(), m.settings().size());
        Map<String, YarnToKubernetes.Outcome> outcome = new LinkedHashMap<>();
        m.settings().forEach(s -> outcome.put(s.yarnKey(), s.outcome()));
        assertEquals(YarnToKubernetes.Outcome.CARRIED, outcome.get("taskmanager.memory.process.size"));
        assertEquals(YarnToKubernetes.Outcome.MAPPED, outcome.get("yarn.containers.vcores"));
        assertEquals(YarnToKubernetes.Outcome.PRODUCTION_ONLY, outcome.get("yarn.application.queue"));
        assertEquals(YarnToKubernetes.Outcome.PRODUCTION_ONLY, outcome.get("state.checkpoints.dir"), "owned by a run");
        assertEquals(YarnToKubernetes.Outcome.NO_COUNTERPART, outcome.get("yarn.ship-files"));
        assertEquals(YarnToKubernetes.Outcome.NO_COUNTERPART, outcome.get("yarn.tags"));
        assertEquals(List.of("yarn.ship-files", "yarn.tags", "high-availability.zookeeper.quorum"),
                m.findings().stream().map(YarnToKubernetes.Setting::yarnKey).toList());
        assertTrue(m.findings().get(0).note().contains("init container"), m.findings().get(0).note());
    }

    @Test
    void eachSideRunsWithItsOwnSettingsAndTheManifestsFlinkConfigWins() {
        Workload job = new Workload("j", Path.of("j.jar"), "Main", List.of(), 1, Map.of("taskmanager.numberOfTaskSlots", "1"),
                Set.of(OracleKind.AVAILABILITY), false, Duration.ofSeconds(5),
                io.flinkcertify.harness.targets.DeploymentMode.APPLICATION, null, Normalisation.NONE, production());
        Map<String, String> yarn = job.flinkConfigOn(Platform.YARN);
        Map<String, String> k8s = job.flinkConfigOn(Platform.KUBERNETES);
        assertEquals("2", yarn.get("yarn.containers.vcores"));
        assertFalse(k8s.containsKey("yarn.containers.vcores"));
        assertEquals("2", k8s.get("kubernetes.taskmanager.cpu"));
        assertEquals("1", k8s.get("kubernetes.jobmanager.cpu"));
        assertEquals("4096m", k8s.get("taskmanager.memory.process.size"));
        assertEquals("UTC", k8s.get("containerized.taskmanager.env.TZ"));
        assertEquals("1", k8s.get("taskmanager.numberOfTaskSlots"), "flinkConfig wins");
        for (Map<String, String> side : List.of(yarn, k8s, job.flinkConfigOn(Platform.STANDALONE))) {
            assertFalse(side.containsKey("kubernetes.namespace") || side.containsKey("yarn.application.queue")
                    || side.containsKey("high-availability") || side.containsKey("state.checkpoints.dir"),
                    "what a run owns is never applied: " + side);
        }
        Map<String, String> prod = YarnToKubernetes.map(production()).production();
        assertEquals("etl", prod.get("kubernetes.namespace"));
        assertEquals("kubernetes", prod.get("high-availability.type"));
        assertEquals("hdfs:///flink/checkpoints", prod.get("state.checkpoints.dir"));
    }

    @Test
    void theReadmeTableListsEveryRule() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("repo.root", "..")).resolve("README.md"));
        for (YarnToKubernetes.Rule rule : YarnToKubernetes.RULES) {
            assertTrue(readme.contains("| `" + rule.yarnKey() + "` |"), "README's mapping table lacks " + rule.yarnKey());
        }
    }
}
