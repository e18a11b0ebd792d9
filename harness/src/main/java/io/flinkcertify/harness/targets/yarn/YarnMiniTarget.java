package io.flinkcertify.harness.targets.yarn;

import io.flinkcertify.harness.probe.JobManagerLog;
import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Capability;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.process.PortAllocator;
import io.flinkcertify.harness.process.ProcessStats;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.process.WatchdogAgent;
import io.flinkcertify.harness.rest.FlinkRest;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.ApplicationCluster;
import io.flinkcertify.harness.targets.DeployerProcess;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.harness.targets.JobSubmission;
import io.flinkcertify.harness.targets.NotStarted;
import io.flinkcertify.harness.targets.RestReadiness;
import io.flinkcertify.harness.targets.Stopwatch;
import io.flinkcertify.harness.targets.Target;
import io.flinkcertify.harness.targets.TargetException;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.TargetFacts;
import io.flinkcertify.harness.targets.TargetStartup;
import io.flinkcertify.harness.targets.TargetWorkspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code yarn-mini}: Flink on a real (mini) YARN cluster, deployed by Flink's own YarnClusterDescriptor in
 * application mode (a cluster per job, started with it) or session mode, with ZooKeeper HA. The ZooKeeper address
 * Flink sees is a harness-owned relay, so the fault suite can cut or delay it without restarting anything.
 */
public final class YarnMiniTarget implements Target {

    public static final String KIND = "yarn-mini";
    static final String DEPLOYER_MAIN = "io.flinkcertify.yarn.YarnDeployer";
    private static final String LOOPBACK = "127.0.0.1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TargetOptions options;
    private final String targetId = RunId.current().value() + "-" + KIND + "-" + SEQUENCE.incrementAndGet();
    private final YarnContainers containers = new YarnContainers("-Dflink-certify.target=" + targetId);
    private final Teardown teardown = Teardown.global().child(KIND + " target " + targetId);
    private final TargetFacts facts = new TargetFacts();
    private YarnRuntime runtime;
    private MiniYarnCluster cluster;
    private TargetWorkspace workspace;
    private FaultProxy zookeeperRelay;
    private int restPort;
    private FlinkRest rest;
    private String applicationId;

    public YarnMiniTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void start() {
        TargetStartup.run(this, () -> {
            runtime = YarnRuntime.fromClasspath();
            cluster = MiniYarnCluster.shared(runtime, options.workRoot(), options.startTimeout(), options.zookeeperTick());
            facts.put("flinkVersion", options.distribution().version());
            facts.put("deploymentMode", options.deployment().label());
            facts.putAll(cluster.facts());
            workspace = TargetWorkspace.open(options.workRoot(), KIND, teardown);
            zookeeperRelay = FaultProxy.start(cluster.zookeeper(), targetId.hashCode());
            teardown.register("ZooKeeper relay " + zookeeperRelay, zookeeperRelay);
            facts.put("zookeeperRelay", LOOPBACK + ":" + zookeeperRelay.port() + " -> " + cluster.zookeeper());
            restPort = PortAllocator.shared().next();
            rest = new FlinkRest(URI.create("http://" + LOOPBACK + ":" + restPort));
            if (options.deployment() == DeploymentMode.SESSION) {
                deploy(null);
            }
        });
    }

    @Override
    public String submit(JobSubmission submission) {
        return options.deployment().submit(submission, rest(), applicationId != null, this::deploy,
                KIND + " " + targetId, options.startTimeout());
    }

    /** Runs Flink's YarnClusterDescriptor in a JVM of its own; returns when YARN reports the cluster RUNNING. */
    private void deploy(JobSubmission job) {
        Path confDir = workspace.conf();
        FlinkJvm.writeLogConfig(confDir);
        clusterConfig(job, confDir).writeTo(confDir);
        Path shipList = workspace.root().resolve("ship-files.txt");
        write(shipList, Stream.concat(options.distribution().classpath().stream(), runtime.flinkYarnLibs().stream())
                .map(Path::toString).toList());

        List<String> args = ApplicationCluster.deployerArguments(List.of(confDir.toString(),
                options.deployment().label(), runtime.flinkYarnJar().toString(), shipList.toString()), job);
        Progress.say(KIND, "deploying a " + options.deployment().label() + " cluster through YarnClusterDescriptor ...");
        Stopwatch deploying = Stopwatch.start();
        Map<String, String> result = runDeployer(args, options.startTimeout());
        applicationId = result.get("application-id");
        if (applicationId == null) {
            throw new TargetException(KIND + ": the deployer reported no application id: " + result);
        }
        long deployMs = deploying.millis();
        facts.put("applicationId", applicationId);
        facts.put("deployMs", deployMs);
        facts.put("rest", rest.endpoint().toString());
        Progress.say(KIND, String.format("%s RUNNING on YARN in %.1f s, REST at %s", applicationId, deployMs / 1000.0,
                rest.endpoint()));
        awaitRest();
        // the session ZooKeeper granted the JobManager: the lower of what Flink asked (60 s by default) and 20 ticks
        JobManagerLog.whole(this::jobManagerLog).zookeeperSession()
                .ifPresent(session -> facts.put("zookeeperSession", session));
        if (job == null) {
            awaitTaskManagers(deploying);
        }
    }

    /** Runs YarnDeployer (Hadoop on its classpath, not ours) and returns the {@code key=value} lines it printed. */
    private Map<String, String> runDeployer(List<String> args, Duration timeout) {
        Path logDir = workspace.log();
        List<Path> classpath = Stream.of(List.of(runtime.home(), runtime.flinkYarnJar()), runtime.flinkYarnLibs(),
                options.distribution().classpath(), runtime.hadoopClasspath()).flatMap(List::stream).toList();
        var command = DeployerProcess.command("yarn", classpath, workspace.conf(), logDir, DEPLOYER_MAIN, args)
                .withEnvironment(Map.of("HADOOP_CONF_DIR", cluster.hadoopConfDir().toString(),
                        "JAVA_HOME", System.getProperty("java.home")));
        return DeployerProcess.run(KIND, args.get(0), command, DeployerProcess.output("yarn", logDir), timeout);
    }

    private FlinkConfig clusterConfig(JobSubmission job, Path confDir) {
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put("yarn.application.name", "flink-certify " + targetId);
        owned.put("yarn.staging-directory", workspace.dir("staging").toString());
        // a JobManager failover is a new application attempt; HA restores the job in it
        owned.put("yarn.application-attempts", "4");
        owned.put("high-availability.type", "zookeeper");
        owned.put("high-availability.zookeeper.quorum", LOOPBACK + ":" + zookeeperRelay.port());
        owned.put("high-availability.zookeeper.path.root", "/flink-certify/" + targetId);
        owned.put("high-availability.storageDir", workspace.dir("ha").toUri().toString());
        owned.put("jobmanager.bind-host", LOOPBACK);
        owned.put("taskmanager.bind-host", LOOPBACK);
        owned.put("rest.bind-address", LOOPBACK);
        // a fixed port keeps the REST endpoint where it was across application attempts
        owned.put("rest.bind-port", Integer.toString(restPort));
        owned.put("rest.port", Integer.toString(restPort));
        workspace.ownDirectories(owned);
        owned.put("$internal.yarn.log-config-file", confDir.resolve("log4j.properties").toString());
        List<String> jvm = new ArrayList<>(FlinkJvm.JAVA17_OPENS);
        jvm.add("-D" + RunId.PROPERTY + "=" + RunId.current().value());
        jvm.add("-Dflink-certify.target=" + targetId);
        // containers are YARN's children, not the harness's: the agent halts them if the harness dies
        jvm.add(WatchdogAgent.jvmOption(workspace.dir("agent")));
        Optional.ofNullable(options.overrides().get("env.java.opts.all")).ifPresent(jvm::add);
        owned.put("env.java.opts.all", String.join(" ", jvm));
        // the target's close ends the application through YARN
        owned.putAll(ApplicationCluster.config(job, job == null ? null : job.jar().toUri().toString()));
        return options.clusterConfig(owned);
    }

    private void awaitRest() {
        try {
            RestReadiness.await(rest, options.startTimeout(), RestReadiness::neverHopeless);
        } catch (WaitTimeout e) {
            throw new TargetException(KIND + ": " + e.getMessage() + " (container logs: " + logDir().orElse(null) + ")", e);
        }
    }

    /** A session cluster's TaskManagers, started with it (slotmanager.number-of-slots.min), before any job. */
    private void awaitTaskManagers(Stopwatch deploying) {
        try {
            RestReadiness.awaitTaskManagers(applicationId, rest, options.taskManagers(), options.startTimeout(),
                    RestReadiness::neverHopeless);
        } catch (WaitTimeout e) {
            throw new TargetException(KIND + ": " + e.getMessage() + " (container logs: " + logDir().orElse(null) + ")", e);
        }
        facts.put("taskManagersRegisteredMs", deploying.millis());
    }

    @Override
    public FlinkRest rest() {
        return NotStarted.guard(KIND, rest);
    }

    @Override
    public List<Instance> instances() {
        return containers.list().stream().map(YarnContainers.Container::instance).toList();
    }

    /** The JobManager's log file of the current attempt, for evidence of what Flink saw during a fault. */
    Optional<Path> jobManagerLog() {
        return containers.list().stream().filter(c -> c.instance().role() == Role.JOBMANAGER)
                .findFirst().flatMap(YarnContainers.Container::logFile);
    }

    FaultProxy zookeeperRelay() {
        return zookeeperRelay;
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> copy = facts.withInstances("containers", instances());
        ProcessStats.peakRssMb(cluster == null ? -1 : cluster.hostPid()).ifPresent(mb -> copy.put("yarnHostPeakRssMb", mb));
        // a JobManager failover shows as a new attempt number in the JobManager's container id
        instances().stream().filter(i -> i.role() == Role.JOBMANAGER).findFirst()
                .ifPresent(jm -> copy.put("applicationAttempt", YarnContainers.attempt(jm.id())));
        return copy;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.none(KIND, this::instances, "yarn-mini runs Flink in YARN containers")
                // replacing a killed container is YARN's and Flink's business, which is what the check observes
                .withProcesses(Capability.of(victim -> Map.of("replacedBy", victim.role() == Role.JOBMANAGER
                        ? "a new YARN application attempt (HA restores the job)" : "a new container Flink requests from YARN")))
                .withJobManagerFailover(Capability.of("ZooKeeper HA"))
                .withZookeeperPath(Capability.lazy(() -> Capability.of(zookeeperRelay())))
                .withApiServerPath(Capability.absent("YARN has no Kubernetes API server"))
                .withCheckpointDirectory(Capability.of(workspace.checkpoints()))
                .withJobManagerLog(this::jobManagerLog);
    }

    @Override
    public Optional<Path> logDir() {
        if (cluster == null || applicationId == null) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.walk(cluster.containerLogs(), 6)) {
            return dirs.filter(d -> d.getFileName().toString().equals(applicationId) && Files.isDirectory(d)
                    && d.getParent().getFileName().toString().contains("logDir")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (applicationId != null) {
                stopApplication();
            }
        } finally {
            teardown.close();
        }
    }

    /** {@code yarn application -kill}, then whatever container is still alive is killed by pid. */
    private void stopApplication() {
        try {
            runDeployer(List.of("kill", applicationId), Duration.ofSeconds(60));
            Waits.until("the containers of " + applicationId + " to stop", Duration.ofSeconds(20),
                    containers::list, List::isEmpty);
        } catch (RuntimeException e) {
            int killed = containers.killAll();
            Progress.say(KIND, "teardown: " + applicationId + " did not stop (" + e.getMessage() + "); killed "
                    + killed + " container process(es)");
        }
        applicationId = null;
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
