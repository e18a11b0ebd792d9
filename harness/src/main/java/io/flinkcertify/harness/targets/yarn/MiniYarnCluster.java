package io.flinkcertify.harness.targets.yarn;

import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.TargetException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The harness's handle on the MiniYarnHost JVM: one real ZooKeeper and one MiniYARNCluster per harness run,
 * shared by every yarn-mini target of the run the way many applications share one YARN cluster. Started on first
 * use, closed by the global teardown (SIGTERM: the NodeManagers stop their containers) and, if the harness dies,
 * by the host's own watchdog.
 */
public final class MiniYarnCluster implements AutoCloseable {

    private static final String MAIN = "io.flinkcertify.yarn.MiniYarnHost";
    private static final int NODE_MANAGER_MEMORY_MB = 8192;
    private static MiniYarnCluster shared;

    private final Workspace workspace;
    private final ManagedProcess host;
    private final Properties ready;
    private final long startMillis;

    private MiniYarnCluster(Workspace workspace, ManagedProcess host, Properties ready, long startMillis) {
        this.workspace = workspace;
        this.host = host;
        this.ready = ready;
        this.startMillis = startMillis;
    }

    /** The run's cluster, started now if it is not running. */
    public static synchronized MiniYarnCluster shared(YarnRuntime runtime, Path workRoot, Duration timeout,
                                                      Duration zookeeperTick) {
        // one batch per run, so one tick; a JVM that certifies another batch (tests) gets a cluster of its tick
        if (shared == null || !shared.host.isAlive() || !shared.zookeeperTick().equals(zookeeperTick)) {
            shared = start(runtime, workRoot, timeout, zookeeperTick);
            MiniYarnCluster started = shared;
            Teardown.global().register("mini YARN cluster " + started.host, () -> {
                synchronized (MiniYarnCluster.class) {
                    if (shared == started) {
                        shared = null;
                    }
                }
                started.close();
            });
        }
        return shared;
    }

    static MiniYarnCluster start(YarnRuntime runtime, Path workRoot, Duration timeout, Duration zookeeperTick) {
        Workspace workspace = Workspace.create(workRoot, "yarn-mini-cluster");
        Path conf = workspace.dir("host-conf");
        FlinkJvm.writeLogConfig(conf);
        String hadoopClasspath = String.join(File.pathSeparator, runtime.hadoopClasspath().stream().map(Path::toString).toList());
        JavaCommand command = JavaCommand.ofCurrentJvm()
                .withClasspath(runtime.hostClasspath())
                .withJvmOptions(List.of("-Xmx768m"))
                // without java.lang opened the ResourceManager's web app fails and its JVM hangs (measured)
                .withJvmOptions(FlinkJvm.JAVA17_OPENS)
                .withSystemProperty("log.file", workspace.root().resolve("mini-yarn-host.log").toString())
                .withSystemProperty("log4j.configurationFile", conf.resolve("log4j.properties").toUri().toString())
                .withMainClass(MAIN)
                .withArguments(List.of(workspace.root().toString(), "1", Integer.toString(NODE_MANAGER_MEMORY_MB),
                        hadoopClasspath, Long.toString(zookeeperTick.toMillis())))
                // MiniYARNCluster keeps its NodeManager directories under ./target
                .withWorkingDirectory(workspace.root())
                // containers inherit JAVA_HOME from the NodeManager; Flink's launch command uses $JAVA_HOME/bin/java
                .withEnvironment(Map.of("JAVA_HOME", System.getProperty("java.home")));
        Progress.say("yarn-mini", "starting ZooKeeper and MiniYARNCluster (ResourceManager + NodeManager) ...");
        long t0 = System.nanoTime();
        ManagedProcess host = ManagedProcess.start("mini-yarn-host", command, workspace.root().resolve("mini-yarn-host.out"));
        Path readyFile = workspace.root().resolve("host.properties");
        try {
            Waits.until("ZooKeeper and MiniYARNCluster to come up", timeout,
                    () -> Files.exists(readyFile), up -> up,
                    up -> host.isAlive() ? Optional.empty()
                            : Optional.of("the MiniYARNCluster JVM exited: " + host.logTail(3).replace('\n', ' ')));
        } catch (RuntimeException e) {
            host.close();
            workspace.close();
            throw new TargetException("yarn-mini: the MiniYARNCluster did not start: " + e.getMessage()
                    + " (log: " + workspace.root().resolve("mini-yarn-host.log") + ")", e);
        }
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(readyFile)) {
            ready.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress.say("yarn-mini", String.format("MiniYARNCluster up in %.1f s (ResourceManager %s, ZooKeeper %s)",
                startMillis / 1000.0, ready.getProperty("resourcemanager.address"), ready.getProperty("zookeeper.address")));
        return new MiniYarnCluster(workspace, host, ready, startMillis);
    }

    /** The tick ZooKeeper runs with (sessions are capped at 20 of them). */
    public Duration zookeeperTick() {
        return Duration.ofMillis(Long.parseLong(ready.getProperty("zookeeper.tick.ms")));
    }

    public Path hadoopConfDir() {
        return Path.of(ready.getProperty("hadoop.conf.dir"));
    }

    public InetSocketAddress zookeeper() {
        String[] hostPort = ready.getProperty("zookeeper.address").split(":");
        return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    }

    /** Where the NodeManagers keep container logs (stdout, jobmanager.log, taskmanager.log per container). */
    public Path containerLogs() {
        return workspace.root().resolve("target");
    }

    public long hostPid() {
        return host.pid();
    }

    /** Measured start-up: whole host JVM, and the part ZooKeeper and YARN took inside it. */
    public Map<String, Object> facts() {
        return Map.of("miniYarnClusterStartMs", startMillis,
                "yarnServicesStartMs", Long.parseLong(ready.getProperty("yarn.start.ms")),
                "zookeeperStartMs", Long.parseLong(ready.getProperty("zookeeper.start.ms")),
                "zookeeperTickMs", Long.parseLong(ready.getProperty("zookeeper.tick.ms")),
                "zookeeperMaxSessionTimeoutMs", Long.parseLong(ready.getProperty("zookeeper.max.session.ms")),
                "resourceManager", ready.getProperty("resourcemanager.address"),
                "yarnHostPid", host.pid());
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            workspace.close();
        }
    }
}
