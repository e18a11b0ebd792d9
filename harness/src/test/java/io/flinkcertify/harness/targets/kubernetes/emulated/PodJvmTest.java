package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.targets.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PodJvmTest {

    private static final List<Path> IMAGE = List.of(Path.of("/m2/flink-dist.jar"), Path.of("/m2/flink-kubernetes.jar"));
    private static final List<String> BINDS = List.of("-D", "jobmanager.bind-host=127.20.0.7",
            "-D", "rest.bind-address=127.20.0.7", "-D", "taskmanager.bind-host=127.20.0.7",
            "-D", "taskmanager.host=127.20.0.7");

    @TempDir
    Path dir;

    /** A JobManager is never planned by BashJavaUtils in these tests (it needs Flink); a TaskManager never at all. */
    private static final PodJvm.MemoryPlanner NO_PLAN = (classpath, confDir, dynamic) -> fail("planned a TaskManager");

    private PodProcess process(Role role) {
        return new PodProcess("ns", "pod-a", "uid-a", "127.20.0.7", role, dir, dir.resolve("pod.log"));
    }

    private Path conf() {
        return dir.resolve("volumes/flink-config-volume");
    }

    @Test
    void aTaskManagerGetsItsConfigDirTheClientsMemoryFlagsAndItsOwnBinds() throws Exception {
        PodCommand command = PodCommand.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-taskmanager.sh -D taskmanager.resource-id=tm-1"));
        Map<String, String> env = Map.of("FLINK_TM_JVM_MEM_OPTS", " -Xmx536870902 -Xms536870902  -XX:MaxMetaspaceSize=268435456 ");
        JavaCommand java = new PodJvm(NO_PLAN).command(command, IMAGE, conf(), env, process(Role.TASKMANAGER));

        List<String> arguments = new ArrayList<>(List.of("--configDir", conf().toString(),
                "-D", "taskmanager.resource-id=tm-1"));
        arguments.addAll(BINDS);
        assertEquals(arguments, java.arguments());
        assertEquals(IMAGE, java.classpath());
        assertEquals(List.of("-Xmx536870902", "-Xms536870902", "-XX:MaxMetaspaceSize=268435456"),
                java.jvmOptions().subList(FlinkJvm.JAVA17_OPENS.size(), java.jvmOptions().size()));
        assertEquals("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner", java.mainClass());
        assertEquals(env, java.environment());
        // the pod's temporary files stay in the pod's directory, as a container's /tmp stays in the container
        assertEquals(dir.resolve("tmp").toString(), java.systemProperties().get("java.io.tmpdir"));
        assertTrue(Files.isDirectory(dir.resolve("tmp")));
    }

    @Test
    void theJobsJavaOptionsFollowTheMemoryFlagsAndEachRoleGetsOnlyItsOwn() throws Exception {
        Files.createDirectories(conf());
        Files.writeString(conf().resolve("config.yaml"), "env.java.opts.all: -XX:+UseSerialGC  -Dcertify.all=1\n"
                + "env.java.opts.taskmanager: -XX:ActiveProcessorCount=1\n"
                + "env.java.opts.jobmanager: -Dcertify.jm=1\n");
        PodCommand tm = PodCommand.of(List.of("kubernetes-taskmanager.sh"), List.of());
        JavaCommand taskManager = new PodJvm(NO_PLAN).command(tm, IMAGE, conf(),
                Map.of("FLINK_TM_JVM_MEM_OPTS", "-Xmx64m"), process(Role.TASKMANAGER));
        List<String> options = taskManager.jvmOptions();
        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC", "-Dcertify.all=1", "-XX:ActiveProcessorCount=1"),
                options.subList(FlinkJvm.JAVA17_OPENS.size(), options.size()));

        PodCommand jm = PodCommand.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-session"));
        JavaCommand jobManager = new PodJvm((classpath, confDir, dynamic) -> new FlinkJvm.MemoryPlan(List.of("-Xmx1g"),
                List.of())).command(jm, IMAGE, conf(), Map.of(), process(Role.JOBMANAGER));
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC", "-Dcertify.all=1", "-Dcertify.jm=1"),
                jobManager.jvmOptions().subList(FlinkJvm.JAVA17_OPENS.size(), jobManager.jvmOptions().size()));
    }

    @Test
    void aJobManagerIsPlannedLikeJobmanagerShAndTakesNoConfigDirOption() {
        PodCommand command = PodCommand.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-application -D a=b"));
        List<List<String>> asked = new ArrayList<>();
        PodJvm.MemoryPlanner planner = (classpath, confDir, dynamic) -> {
            asked.add(dynamic);
            assertEquals(IMAGE, classpath);
            assertEquals(conf(), confDir);
            return new FlinkJvm.MemoryPlan(List.of("-Xmx1g"), List.of("-D", "jobmanager.memory.heap.size=1g"));
        };
        JavaCommand java = new PodJvm(planner).command(command, IMAGE, conf(), Map.of(), process(Role.JOBMANAGER));

        assertEquals(List.of(List.of("-D", "a=b")), asked);
        List<String> arguments = new ArrayList<>(List.of("-D", "a=b", "-D", "jobmanager.memory.heap.size=1g"));
        arguments.addAll(BINDS);
        assertEquals(arguments, java.arguments());
        assertFalse(java.arguments().contains("--configDir"));
        assertEquals("-Xmx1g", java.jvmOptions().get(java.jvmOptions().size() - 1));
        assertEquals("org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint", java.mainClass());
    }

    @Test
    void thePodsJvmResolvesNamesThroughItsHostsFileLogsIntoItsDirectoryAndIsMarked() {
        PodCommand command = PodCommand.of(List.of("kubernetes-taskmanager.sh"), List.of());
        JavaCommand java = new PodJvm(NO_PLAN).command(command, IMAGE, conf(), Map.of(), process(Role.TASKMANAGER));

        assertEquals(dir.resolve("hosts").toString(), java.systemProperty("jdk.net.hosts.file"));
        assertEquals("1", java.systemProperty("sun.net.inetaddr.ttl"));
        assertEquals(dir.resolve("pod.log").toString(), java.systemProperty("log.file"));
        assertEquals("ns/pod-a", java.systemProperty(Kubelet.POD_PROPERTY));
        assertTrue(Files.exists(dir.resolve("log-conf/log4j.properties")));
        assertEquals(dir.resolve("log-conf/log4j.properties").toUri().toString(),
                java.systemProperty("log4j.configurationFile"));
        assertEquals(dir, java.workingDirectory().orElseThrow());
    }
}
