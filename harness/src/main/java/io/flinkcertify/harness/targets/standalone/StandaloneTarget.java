package io.flinkcertify.harness.targets.standalone;

import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Capability;

import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.process.PortAllocator;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.rest.FlinkRest;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.JobSubmission;
import io.flinkcertify.harness.targets.NotStarted;
import io.flinkcertify.harness.targets.RestReadiness;
import io.flinkcertify.harness.targets.Role;
import io.flinkcertify.harness.targets.Stopwatch;
import io.flinkcertify.harness.targets.Target;
import io.flinkcertify.harness.targets.TargetException;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.TargetFacts;
import io.flinkcertify.harness.targets.TargetStartup;
import io.flinkcertify.harness.targets.TargetWorkspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code standalone}: a Flink session cluster of plain local JVMs (one JobManager, N TaskManagers) on loopback,
 * the floor for every comparison. Ports are allocated per cluster; processes are owned by the harness.
 */
public final class StandaloneTarget implements Target {

    public static final String KIND = "standalone";
    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String HOST = "127.0.0.1";

    private final TargetOptions options;
    private final FlinkJvm jvm;
    private final Teardown teardown = Teardown.global().child(KIND + " target");
    private final Map<String, ManagedProcess> taskManagers = new LinkedHashMap<>();
    private final TargetFacts facts = new TargetFacts();
    private TargetWorkspace workspace;
    private Path confDir;
    private FlinkJvm.MemoryPlan taskManagerPlan;
    private ManagedProcess jobManager;
    private FlinkRest rest;
    private int nextTaskManager = 1;

    public StandaloneTarget(TargetOptions options) {
        this.options = options;
        this.jvm = new FlinkJvm(options.distribution());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void start() {
        TargetStartup.run(this, () -> {
            workspace = TargetWorkspace.open(options.workRoot(), KIND, teardown);
            confDir = workspace.conf();
            int restPort = PortAllocator.shared().next();
            int rpcPort = PortAllocator.shared().next();
            clusterConfig(rpcPort, restPort).writeTo(confDir);
            FlinkJvm.writeLogConfig(confDir);
            rest = new FlinkRest(URI.create("http://" + HOST + ":" + restPort));
            facts.put("flinkVersion", options.distribution().version());
            facts.put("rest", rest.endpoint().toString());

            Stopwatch memoryPlan = Stopwatch.start();
            FlinkJvm.MemoryPlan jobManagerPlan = jvm.memoryPlan(FlinkJvm.Role.JOBMANAGER, confDir);
            taskManagerPlan = jvm.memoryPlan(FlinkJvm.Role.TASKMANAGER, confDir);
            facts.put("memoryPlanMs", memoryPlan.millis());

            Stopwatch jmStart = Stopwatch.start();
            jobManager = launch("jobmanager", JOBMANAGER_MAIN, jobManagerPlan, List.of());
            awaitRest();
            facts.put("jobManagerStartMs", jmStart.millis());
            Progress.say(KIND, "JobManager REST up at " + rest.endpoint() + " in " + jmStart.seconds());

            Stopwatch tmStart = Stopwatch.start();
            for (int i = 0; i < options.taskManagers(); i++) {
                startTaskManager();
            }
            awaitRegisteredTaskManagers(options.taskManagers());
            facts.put("taskManagerRegistrationMs", tmStart.millis());
            Progress.say(KIND, options.taskManagers() + " TaskManager(s) registered in " + tmStart.seconds());
        });
    }

    private FlinkConfig clusterConfig(int rpcPort, int restPort) {
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put("jobmanager.rpc.address", HOST);
        owned.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        owned.put("jobmanager.bind-host", HOST);
        owned.put("rest.address", HOST);
        owned.put("rest.bind-address", HOST);
        owned.put("rest.port", Integer.toString(restPort));
        owned.put("rest.bind-port", Integer.toString(restPort));
        owned.put("taskmanager.host", HOST);
        owned.put("taskmanager.bind-host", HOST);
        workspace.ownDirectories(owned);
        owned.put("io.tmp.dirs", workspace.dir("tmp").toString());
        return options.clusterConfig(owned);
    }

    private ManagedProcess launch(String name, String main, FlinkJvm.MemoryPlan plan, List<String> extraArgs) {
        Path logDir = workspace.log();
        JavaCommand command = jvm.baseCommand(confDir, logDir.resolve(name + ".log"))
                .withJvmOptions(plan.jvmOptions())
                .withMainClass(main)
                .withArguments(List.of("--configDir", confDir.toString()))
                .withArguments(plan.dynamicProperties())
                .withArguments(extraArgs);
        ManagedProcess process = ManagedProcess.start(name, command, logDir.resolve(name + ".out"));
        teardown.register(process.toString(), process);
        return process;
    }

    /** Starts one more TaskManager; returns its instance id. */
    public synchronized String startTaskManager() {
        String id = "taskmanager-" + nextTaskManager++;
        taskManagers.put(id, launch(id, TASKMANAGER_MAIN, taskManagerPlan,
                List.of("-D", "taskmanager.resource-id=" + id)));
        return id;
    }

    /** Stops a TaskManager gracefully (SIGTERM). */
    public synchronized void stopTaskManager(String id) {
        process(id).close();
        taskManagers.remove(id);
    }

    /** Kills an instance (SIGKILL), as a crash would. */
    public synchronized void kill(String id) {
        process(id).kill();
        taskManagers.remove(id);
    }

    private ManagedProcess process(String id) {
        if (jobManager != null && jobManager.name().equals(id)) {
            return jobManager;
        }
        ManagedProcess p = taskManagers.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no instance '" + id + "' in " + KIND + "; have " + instances());
        }
        return p;
    }

    private void awaitRest() {
        try {
            RestReadiness.await(rest, options.startTimeout(), this::deadJobManager);
        } catch (WaitTimeout e) {
            throw new TargetException(KIND + " target could not start: " + e.getMessage()
                    + " (JobManager log: " + jobManager.log().getParent() + ")", e);
        }
    }

    private void awaitRegisteredTaskManagers(int expected) {
        try {
            RestReadiness.awaitTaskManagers(KIND, rest, expected, options.startTimeout(),
                    () -> taskManagers.values().stream().filter(p -> !p.isAlive()).findFirst()
                            .map(p -> p.name() + " exited: " + p.logTail(3).replace('\n', ' ')));
        } catch (WaitTimeout e) {
            throw new TargetException(KIND + " target could not start: " + e.getMessage(), e);
        }
    }

    private Optional<String> deadJobManager() {
        return jobManager.isAlive() ? Optional.empty()
                : Optional.of("the JobManager process exited: " + jobManager.logTail(3).replace('\n', ' '));
    }

    @Override
    public FlinkRest rest() {
        return NotStarted.guard(KIND, rest);
    }

    @Override
    public synchronized List<Instance> instances() {
        List<Instance> all = new ArrayList<>();
        if (jobManager != null && jobManager.isAlive()) {
            all.add(new Instance(Role.JOBMANAGER, jobManager.name(), jobManager.pid(), HOST));
        }
        taskManagers.values().stream().filter(ManagedProcess::isAlive)
                .forEach(p -> all.add(new Instance(Role.TASKMANAGER, p.name(), p.pid(), HOST)));
        return all;
    }

    @Override
    public String submit(JobSubmission submission) {
        return rest().submitJar(submission);
    }

    @Override
    public Map<String, Object> facts() {
        return facts.withInstances("instances", instances());
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.none(KIND, this::instances, "standalone runs plain local processes")
                // the harness plays the supervisor (systemd, a NodeManager) that restarts a standalone TaskManager
                .withProcesses(Capability.of(victim -> {
                    kill(victim.id()); // the harness's own handle: reaps the process, stops counting it as live
                    return Map.of("replacement", startTaskManager());
                }))
                .withJobManagerFailover(Capability.absent("standalone runs without HA: a killed JobManager takes its "
                        + "jobs with it; JobManager failover is certified on yarn-mini and k8s-emulated"))
                .withZookeeperPath(Capability.absent("standalone runs without ZooKeeper (no HA)"))
                .withApiServerPath(Capability.absent("there is no Kubernetes API server"))
                .withCheckpointDirectory(Capability.of(workspace.checkpoints()));
    }

    @Override
    public Optional<Path> logDir() {
        return workspace == null ? Optional.empty() : Optional.of(workspace.root().resolve("log"));
    }

    @Override
    public synchronized void close() {
        try {
            teardown.close();
        } finally {
            taskManagers.clear();
        }
    }
}
