package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkcertify.harness.fault.Capabilities;
import io.flinkcertify.harness.fault.Capability;
import io.flinkcertify.harness.fault.LocalProcesses;
import io.flinkcertify.harness.fault.NetworkChaos;
import io.flinkcertify.harness.fault.StorageOutage;
import io.flinkcertify.harness.flink.FlinkConfig;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.probe.WaitTimeout;
import io.flinkcertify.harness.probe.Waits;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.rest.FlinkRest;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.ApplicationCluster;
import io.flinkcertify.harness.targets.DeployerProcess;
import io.flinkcertify.harness.targets.DeploymentMode;
import io.flinkcertify.harness.targets.Instance;
import io.flinkcertify.harness.targets.LeaderElection;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Flink in native Kubernetes mode, deployed by Flink's own KubernetesClusterDescriptor (application mode by
 * default, as in production, or session mode) with Kubernetes HA and the rest service as ClusterIP. One Flink
 * cluster per target, named after the run; every object carries the run label, and every delete passes the
 * {@link Sandbox}. How the cluster was obtained (emulated, k3s, a kubeconfig) is the {@link KubernetesCluster}'s
 * business; this class is the same for all of them.
 */
public final class KubernetesTarget implements Target {

    static final String DEPLOYER_MAIN = "io.flinkcertify.k8s.KubernetesDeployer";
    static final int REST_PORT = 8081;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String kind;
    private final TargetOptions options;
    private final Function<TargetOptions, KubernetesCluster> connect;
    private final String clusterId = RunId.current().value() + "-" + SEQUENCE.incrementAndGet();
    private final TargetFacts facts = new TargetFacts();
    private final Set<String> podsSeen = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private Teardown teardown;
    private KubernetesRuntime runtime;
    private KubernetesCluster cluster;
    private TargetWorkspace workspace;
    private FlinkRest rest;
    private volatile boolean deployed;
    private volatile String checkpointStorage;

    public KubernetesTarget(String kind, TargetOptions options, Function<TargetOptions, KubernetesCluster> connect) {
        this.kind = kind;
        this.options = options;
        this.connect = connect;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public void start() {
        TargetStartup.run(this, () -> {
            runtime = KubernetesRuntime.fromClasspath();
            // the cluster first: a shared cluster registers its own teardown, which must run after this target's
            cluster = connect.apply(options);
            teardown = Teardown.global().child(kind + " target " + clusterId);
            teardown.register(kind + " cluster access", cluster);
            cluster.sandbox().requireNamespace(cluster.namespace());
            // adopted before anything exists, so a deployment that fails half-way is still ours to clean up
            cluster.sandbox().adopt(clusterId);
            workspace = TargetWorkspace.open(options.workRoot(), kind, teardown);
            // after the workspace: teardown runs last-in first-out, so the pods stop before their files go
            teardown.register("Flink cluster " + cluster.namespace() + "/" + clusterId, this::deleteFlinkCluster);
            facts.put("flinkVersion", options.distribution().version());
            facts.put("deploymentMode", options.deployment().label());
            facts.put("namespace", cluster.namespace());
            facts.put("clusterId", clusterId);
            facts.putAll(cluster.facts());
            rest = new FlinkRest(this::restEndpoint);
            if (options.deployment() == DeploymentMode.SESSION) {
                deploy(null);
            }
        });
    }

    @Override
    public String submit(JobSubmission submission) {
        return options.deployment().submit(submission, rest(), deployed, this::deploy, kind + " " + clusterId,
                options.startTimeout());
    }

    /** Runs Flink's KubernetesClusterDescriptor, then waits for the JobManager pod and its REST API. */
    private void deploy(JobSubmission job) {
        Path confDir = workspace.conf();
        FlinkJvm.writeLogConfig(confDir);
        clusterConfig(job).writeTo(confDir);
        List<String> args = ApplicationCluster.deployerArguments(List.of(confDir.toString(),
                options.deployment().label()), job);
        Path logDir = workspace.log();
        List<Path> classpath = Stream.of(List.of(runtime.home()), runtime.flinkKubernetes(),
                options.distribution().classpath()).flatMap(List::stream).toList();
        var command = DeployerProcess.command("k8s", classpath, confDir, logDir, DEPLOYER_MAIN, args);
        Progress.say(kind, "deploying " + cluster.namespace() + "/" + clusterId + " (" + options.deployment().label()
                + " mode) through KubernetesClusterDescriptor ...");
        Stopwatch deploying = Stopwatch.start();
        deployed = true;
        Map<String, String> result = DeployerProcess.run(kind, "KubernetesClusterDescriptor", command,
                DeployerProcess.output("k8s", logDir), options.startTimeout());
        facts.put("deployerMs", deploying.millis());
        facts.put("restService", result.get("rest"));
        try {
            Pod jobManager = Waits.until("the JobManager pod of " + clusterId + " to run", options.startTimeout(),
                    this::runningJobManager, Optional::isPresent).orElseThrow();
            facts.put("jobManagerPodRunningMs", deploying.millis());
            RestReadiness.await("JobManager REST of " + clusterId, rest, options.startTimeout(),
                    RestReadiness::neverHopeless);
            facts.put("deployToRestUpMs", deploying.millis());
            if (job == null) {
                // a session cluster's TaskManager pods, started with it (slotmanager.number-of-slots.min)
                RestReadiness.awaitTaskManagers(clusterId, rest, options.taskManagers(), options.startTimeout(),
                        RestReadiness::neverHopeless);
                facts.put("taskManagersRegisteredMs", deploying.millis());
            }
            Progress.say(kind, String.format("%s: JobManager pod %s at %s, REST up %.1f s after deploy", clusterId,
                    jobManager.getMetadata().getName(), jobManager.getStatus().getPodIP(), deploying.millis() / 1000.0));
        } catch (WaitTimeout e) {
            Path logs;
            try {
                logs = logDir().orElse(logDir);
            } catch (RuntimeException unreachable) {
                logs = logDir;
            }
            throw new TargetException(kind + ": " + e.getMessage() + "; pods: " + describePods() + " (logs: " + logs + ")", e);
        }
    }

    private FlinkConfig clusterConfig(JobSubmission job) {
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put("kubernetes.cluster-id", clusterId);
        owned.put("kubernetes.namespace", cluster.namespace());
        owned.put("kubernetes.config.file", cluster.flinkKubeconfig().toString());
        cluster.context().ifPresent(c -> owned.put("kubernetes.context", c));
        List<Path> image = Stream.concat(options.distribution().classpath().stream(), runtime.flinkKubernetes().stream()).toList();
        owned.put("kubernetes.container.image.ref", cluster.image(options.distribution().version(), image));
        owned.put("kubernetes.rest-service.exposed.type", "ClusterIP");
        String labels = cluster.sandbox().runLabels().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
        owned.put("kubernetes.jobmanager.labels", merge(options.overrides().get("kubernetes.jobmanager.labels"), labels));
        owned.put("kubernetes.taskmanager.labels", merge(options.overrides().get("kubernetes.taskmanager.labels"), labels));
        owned.put("high-availability.type", "kubernetes");
        String storage = cluster.storage(clusterId, workspace.root()).replaceAll("/+$", "");
        owned.put("high-availability.storageDir", storage + "/ha");
        checkpointStorage = storage + "/checkpoints";
        owned.put("state.checkpoints.dir", checkpointStorage);
        owned.put("state.savepoints.dir", storage + "/savepoints");
        // local://: the pod's "image" is this machine, so the jar is where the harness has it
        owned.putAll(ApplicationCluster.config(job, job == null ? null : "local://" + job.jar().toAbsolutePath()));
        return options.clusterConfig(owned);
    }

    private static String merge(String users, String ours) {
        return users == null || users.isBlank() ? ours : users + "," + ours;
    }

    private URI restEndpoint() {
        Pod jobManager = runningJobManager().orElseThrow(() -> new IllegalStateException("no running JobManager pod of "
                + clusterId + " (" + describePods() + ")"));
        return cluster.endpoint(jobManager, REST_PORT);
    }

    private Optional<Pod> runningJobManager() {
        return pods().stream().filter(p -> "jobmanager".equals(component(p)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null)
                .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
    }

    /** The pods of this Flink cluster, as the API server lists them. */
    List<Pod> pods() {
        List<Pod> pods = cluster.client().pods().inNamespace(cluster.namespace()).withLabel("app", clusterId).list().getItems();
        pods.forEach(p -> podsSeen.add(p.getMetadata().getName()));
        return pods;
    }

    Optional<Pod> pod(String name) {
        return pods().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst();
    }

    /** The checkpoint storage location the cluster was deployed with. */
    String checkpointStorage() {
        return checkpointStorage;
    }

    KubernetesCluster cluster() {
        return cluster;
    }

    /** Flink's role label of a pod: jobmanager or taskmanager (null if it has none). */
    static String component(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("component");
    }

    private String describePods() {
        try {
            return pods().stream().map(p -> p.getMetadata().getName() + " " + (p.getStatus() == null ? "?"
                    : p.getStatus().getPhase())).collect(Collectors.joining(", ", "[", "]"));
        } catch (RuntimeException e) {
            return "(cannot list pods: " + e.getMessage() + ")";
        }
    }

    @Override
    public FlinkRest rest() {
        return NotStarted.guard(kind, rest);
    }

    @Override
    public List<Instance> instances() {
        if (cluster == null) {
            return List.of();
        }
        return pods().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase()))
                .map(p -> new Instance("jobmanager".equals(component(p)) ? Role.JOBMANAGER : Role.TASKMANAGER,
                        p.getMetadata().getName(), cluster.pid(p).orElse(-1), p.getStatus().getPodIP()))
                .toList();
    }

    @Override
    public Map<String, Object> facts() {
        if (cluster == null) {
            return facts.snapshot();
        }
        Map<String, Object> copy = facts.withInstances("pods", instances());
        synchronized (podsSeen) {
            copy.put("podsCreatedSoFar", List.copyOf(podsSeen));
        }
        return copy;
    }

    @Override
    public Optional<LeaderElection> leaderElection() {
        return Optional.of(() -> cluster == null ? Optional.empty()
                : new LeaderLock(cluster.client(), cluster.namespace(), clusterId).holder());
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.none(kind, this::instances, kind + " runs Flink in Kubernetes pods")
                .withPods(Capability.of(new KubernetesPods(this)))
                .withProcesses(Capability.lazy(() -> instances().stream().anyMatch(i -> i.pid() > 0)
                        // emulated pods are processes here: signals and socket tags reach them; who replaces a
                        // deleted pod is told by the pod kill, which is preferred for kills
                        ? Capability.<LocalProcesses>of(victim -> Map.of())
                        : Capability.absent("the pods of this cluster do not run on this machine; freezing them needs "
                                + "container pause or a Chaos Mesh StressChaos")))
                .withJobManagerFailover(Capability.of("Kubernetes HA"))
                .withZookeeperPath(Capability.absent("Kubernetes targets run Kubernetes HA (leader election through "
                        + "the API server), not ZooKeeper"))
                .withApiServerPath(cluster().apiServerRelay().map(Capability::of).orElseGet(() -> Capability.absent(
                        "Flink reaches this cluster's API server directly; there is no harness proxy on the path to cut")))
                .withCheckpointDirectory(StorageOutage.cuttable(checkpointStorage()).map(Capability::of)
                        .orElseGet(() -> Capability.absent("checkpoint storage " + checkpointStorage() + " is not a "
                                + "directory of this run on this machine; cut the storage service itself to test this")))
                .withNetworkChaos(Capability.lazy(() -> chaosMesh().installed(ChaosMesh.NETWORK_CHAOS_CRD)
                        ? Capability.<NetworkChaos>of(new ChaosMeshNetwork(this, chaosMesh()))
                        : Capability.absent("Chaos Mesh is not installed in this cluster")))
                .withJobManagerLog(this::jobManagerLog);
    }

    ChaosMesh chaosMesh() {
        return new ChaosMesh(cluster().client(), cluster().sandbox(), cluster().namespace());
    }

    /** The log of the JobManager pod that is not being deleted, where this machine can read it. */
    Optional<Path> jobManagerLog() {
        return pods().stream().filter(p -> "jobmanager".equals(component(p)))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> cluster().log(p)).flatMap(Optional::stream).reduce((a, b) -> b);
    }

    @Override
    public Optional<Path> logDir() {
        if (cluster == null) {
            return Optional.empty();
        }
        return pods().stream().map(cluster::log).flatMap(Optional::stream).map(Path::getParent)
                .map(Path::getParent).findFirst();
    }

    /**
     * Deletes the JobManager Deployment (garbage collection takes its pods, TaskManagers, services and config map)
     * and the HA config maps Flink keeps for recovery, each only after the sandbox confirms it is ours; then waits
     * for the pods to be gone.
     */
    private void deleteFlinkCluster() {
        if (!deployed || cluster == null) {
            return;
        }
        KubernetesClient client = cluster.client();
        String namespace = cluster.namespace();
        List<HasMetadata> doomed = new ArrayList<>();
        Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(clusterId).get()).ifPresent(doomed::add);
        doomed.addAll(client.configMaps().inNamespace(namespace).withLabel("app", clusterId)
                .withLabel("configmap-type", "high-availability").list().getItems());
        for (HasMetadata object : doomed) {
            client.resource(cluster.sandbox().requireOwned(object)).inNamespace(namespace).delete();
        }
        try {
            Waits.until("the pods of " + clusterId + " to go", Duration.ofSeconds(60), this::pods, List::isEmpty);
        } catch (WaitTimeout e) {
            Progress.say(kind, "teardown: " + e.getMessage() + "; still there: " + describePods());
        }
        deployed = false;
    }

    @Override
    public synchronized void close() {
        if (teardown != null) {
            teardown.close();
        }
    }
}
