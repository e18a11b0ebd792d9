package io.flinkcertify.harness.targets.yarn;

import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YarnContainersTest {

    private static final String MARKER = "-Dflink-certify.target=run1-yarn-mini-1";
    private final YarnContainers containers = new YarnContainers(MARKER);

    private static String commandLine(String marker, String container, String main) {
        return "/usr/lib/jvm/java-17/bin/java -Xmx469762048 --add-opens=java.base/java.lang=ALL-UNNAMED " + marker
                + " -Dlog.file=/tmp/x/logDir/application_1_0001/" + container + "/jobmanager.log"
                + " -Dlog4j.configurationFile=file:log4j.properties " + main + " -D jobmanager.memory.off-heap.size=1b";
    }

    @Test
    void jobManagerContainerIsFoundWithItsIdAndLog() {
        var c = containers.parse(42, commandLine(MARKER, "container_1795231364702_0001_02_000001",
                "org.apache.flink.yarn.entrypoint.YarnApplicationClusterEntryPoint")).orElseThrow();
        assertEquals(Role.JOBMANAGER, c.instance().role());
        assertEquals("container_1795231364702_0001_02_000001", c.instance().id());
        assertEquals(42, c.instance().pid());
        assertEquals(Path.of("/tmp/x/logDir/application_1_0001/container_1795231364702_0001_02_000001/jobmanager.log"),
                c.logFile().orElseThrow());
        assertEquals(2, YarnContainers.attempt(c.instance().id()));
    }

    @Test
    void taskManagerContainerWithEpochIsFound() {
        var c = containers.parse(7, commandLine(MARKER, "container_e05_1795231364702_0001_01_000003",
                "org.apache.flink.yarn.YarnTaskExecutorRunner")).orElseThrow();
        assertEquals(Role.TASKMANAGER, c.instance().role());
        assertEquals("container_e05_1795231364702_0001_01_000003", c.instance().id());
        assertEquals(1, YarnContainers.attempt(c.instance().id()));
    }

    @Test
    void anotherTargetsContainersAreNeverOurs() {
        assertTrue(containers.parse(7, commandLine("-Dflink-certify.target=run1-yarn-mini-11",
                "container_1795231364702_0001_01_000003", "org.apache.flink.yarn.YarnTaskExecutorRunner")).isEmpty(),
                "target 11 is not target 1 although its marker starts the same");
        assertTrue(containers.parse(7, commandLine("-Dflink-certify.target=other",
                "container_1795231364702_0001_01_000003", "org.apache.flink.yarn.YarnTaskExecutorRunner")).isEmpty());
    }

    @Test
    void processesThatAreNotFlinkContainersAreIgnored() {
        assertTrue(containers.parse(7, commandLine(MARKER, "container_1795231364702_0001_01_000003",
                "org.apache.hadoop.yarn.server.MiniYARNCluster")).isEmpty());
        assertTrue(containers.parse(7, "bash -c sleep 1 " + MARKER + " org.apache.flink.yarn.YarnTaskExecutorRunner").isEmpty());
    }
}
