package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkcertify.harness.flink.FlinkJvm;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.run.Progress;
import io.flinkcertify.harness.targets.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The node agent of k8s-emulated: runs each pod's container as a local Flink JVM and keeps the API server told.
 * A pod starts once its image is known and its config maps exist (materialised as files, the way a volume mount
 * shows them); it gets an address of its own, the environment its spec asks for (downward-API fields included),
 * {@code KUBECONFIG}, and a hosts file resolving service names. Its status (phase, podIP, conditions, container
 * state) is written back. A deleted pod's process is killed at once (the mock API server removes a pod without a
 * grace period, as {@code --grace-period=0 --force} does); a process that exits is restarted or, with restart
 * policy Never, ends its pod as Failed or Succeeded.
 */
final class Kubelet implements AutoCloseable {

    static final String NODE_NAME = "flink-certify-node";
    static final String FLINK_CONF_MOUNT = "/opt/flink/conf";
    /** The argv marker of a pod's JVM, so evidence and leftovers can be traced to the pod. */
    static final String POD_PROPERTY = "flink-certify.pod";

    private final KubernetesClient client;
    private final PodImages images;
    private final Path root;
    private final Path kubeconfig;
    private final PodAddresses addresses;
    private final String machineHostname;
    private final String progressTopic;
    private final Map<String, PodProcess> running = new ConcurrentHashMap<>();
    private final Map<String, String> waiting = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    Kubelet(KubernetesClient client, PodImages images, Path root, Path kubeconfig, PodAddresses addresses,
            String machineHostname, String progressTopic) {
        this.client = client;
        this.images = images;
        this.root = root;
        this.kubeconfig = kubeconfig;
        this.addresses = addresses;
        this.machineHostname = machineHostname;
        this.progressTopic = progressTopic;
    }

    static boolean ended(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    /** One pass of the node loop over the cluster's current pods, services and config maps. */
    void sync(List<Pod> pods, List<Service> services, List<ConfigMap> configMaps) {
        Set<String> present = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        for (PodProcess gone : List.copyOf(running.values())) {
            if (!present.contains(gone.uid)) {
                running.remove(gone.uid);
                gone.kill();
                Progress.say(progressTopic, "pod " + gone.namespace + "/" + gone.name + " deleted: process "
                        + gone.pid() + " killed");
            }
        }
        Map<String, ConfigMap> maps = configMaps.stream().collect(Collectors.toMap(Kubelet::key, c -> c, (a, b) -> a));
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (!present.contains(uid) || ended.contains(uid) || ended(pod)) {
                continue;
            }
            PodProcess process = running.get(uid);
            if (process == null) {
                start(pod, maps);
            } else if (!process.alive()) {
                try {
                    exited(pod, process);
                } catch (RuntimeException e) {
                    fail(pod, "RestartError", e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        resolveServices(pods, services);
    }

    private void start(Pod pod, Map<String, ConfigMap> configMaps) {
        String uid = pod.getMetadata().getUid();
        if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
            fail(pod, "CreateContainerConfigError", "the pod has no container");
            return;
        }
        Container container = pod.getSpec().getContainers().get(0);
        try {
            Optional<List<Path>> classpath = images.classpath(container.getImage());
            if (classpath.isEmpty()) {
                wait(pod, "ErrImageNeverPull", "image " + container.getImage() + " is not present on this node "
                        + "(present: " + images.known() + ")");
                return;
            }
            Path dir = Files.createDirectories(root.resolve(pod.getMetadata().getNamespace())
                    .resolve(pod.getMetadata().getName() + "-" + uid.substring(0, 8)));
            Optional<Map<String, Path>> mounts = mount(pod, container, configMaps, dir);
            if (mounts.isEmpty()) {
                return;
            }
            Path confDir = mounts.get().get(FLINK_CONF_MOUNT);
            if (confDir == null) {
                wait(pod, "CreateContainerConfigError", "no Flink configuration is mounted at " + FLINK_CONF_MOUNT);
                return;
            }
            PodCommand command = PodCommand.of(container.getCommand(), container.getArgs());
            String ip = addresses.allocate();
            Map<String, String> env = environment(pod, container, ip, configMaps);
            env.put("FLINK_CONF_DIR", confDir.toString()); // the image's ENV: where the config map is mounted
            PodProcess process = new PodProcess(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid,
                    ip, command.role(), dir, dir.resolve(command.role().name().toLowerCase() + ".log"));
            process.resolve(HostsFile.render(ip, pod.getMetadata().getName(), machineHostname,
                    pod.getMetadata().getNamespace(), Map.of()));
            JavaCommand java = javaCommand(pod, command, classpath.get(), confDir, env, process);
            process.started(ManagedProcess.start("pod " + process.namespace + "/" + process.name, java,
                    dir.resolve("stdout.log")), java);
            running.put(uid, process);
            waiting.remove(uid);
            writeStatus(pod, running(pod, process, container));
            Progress.say(progressTopic, String.format("pod %s/%s (%s) running at %s, pid %d",
                    process.namespace, process.name, command.role().name().toLowerCase(), ip, process.pid()));
        } catch (IOException | RuntimeException e) {
            // one pod the node cannot run must not stop the node from running the others
            fail(pod, "CreateContainerError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The JVM the Flink image's scripts would start for this container. */
    private JavaCommand javaCommand(Pod pod, PodCommand command, List<Path> classpath, Path confDir,
                                    Map<String, String> env, PodProcess process) {
        List<String> podOwned = List.of(
                // every pod binds its own address only, so Flink's fixed ports do not collide between pods
                "-D", "jobmanager.bind-host=" + process.ip,
                "-D", "rest.bind-address=" + process.ip,
                "-D", "taskmanager.bind-host=" + process.ip,
                "-D", "taskmanager.host=" + process.ip);
        List<String> jvm = new ArrayList<>(FlinkJvm.JAVA17_OPENS);
        List<String> dynamic = new ArrayList<>(command.arguments());
        if (command.role() == Role.JOBMANAGER) {
            // kubernetes-jobmanager.sh -> jobmanager.sh: BashJavaUtils turns the process size into JVM flags
            FlinkJvm.MemoryPlan plan = FlinkJvm.memoryPlan(classpath, FlinkJvm.Role.JOBMANAGER, confDir, command.arguments());
            jvm.addAll(plan.jvmOptions());
            dynamic.addAll(plan.dynamicProperties());
        } else {
            // the client computed the TaskManager's JVM flags and put them into the pod's environment
            Optional.ofNullable(env.get("FLINK_TM_JVM_MEM_OPTS")).map(s -> Arrays.stream(s.trim().split("\\s+"))
                    .filter(o -> !o.isBlank()).toList()).ifPresent(jvm::addAll);
        }
        Path logConf = process.dir.resolve("log-conf");
        FlinkJvm.writeLogConfig(logConf);
        // taskmanager.sh passes --configDir; the Kubernetes JobManager entrypoints read FLINK_CONF_DIR and parse
        // -D options only (an unknown leading option would make them ignore every -D after it)
        List<String> arguments = new ArrayList<>(command.role() == Role.TASKMANAGER
                ? List.of("--configDir", confDir.toString()) : List.of());
        arguments.addAll(dynamic);
        arguments.addAll(podOwned);
        return JavaCommand.ofCurrentJvm()
                .withClasspath(classpath)
                .withJvmOptions(jvm)
                .withSystemProperty("log.file", process.logFile.toString())
                .withSystemProperty("log4j.configurationFile", logConf.resolve("log4j.properties").toUri().toString())
                .withSystemProperty("jdk.net.hosts.file", process.hostsFile().toString())
                // services move when pods are replaced: do not let the JVM cache a stale answer
                .withSystemProperty("sun.net.inetaddr.ttl", "1")
                .withSystemProperty(POD_PROPERTY, process.namespace + "/" + process.name)
                .withMainClass(command.mainClass())
                .withArguments(arguments)
                .withEnvironment(env)
                .withWorkingDirectory(process.dir);
    }

    /** Materialises the container's volume mounts; empty (and the pod left waiting) while a config map is missing. */
    private Optional<Map<String, Path>> mount(Pod pod, Container container, Map<String, ConfigMap> configMaps, Path dir)
            throws IOException {
        Map<String, Volume> volumes = pod.getSpec().getVolumes().stream()
                .collect(Collectors.toMap(Volume::getName, v -> v, (a, b) -> a));
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new IllegalArgumentException("volume mount " + mount.getName() + " names no volume of the pod");
            }
            Path target = Files.createDirectories(dir.resolve("volumes").resolve(volume.getName()));
            if (volume.getConfigMap() != null) {
                ConfigMap map = configMaps.get(pod.getMetadata().getNamespace() + "/" + volume.getConfigMap().getName());
                if (map == null) {
                    wait(pod, "ContainerCreating", "config map " + volume.getConfigMap().getName() + " not found yet");
                    return Optional.empty();
                }
                Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
                List<KeyToPath> items = volume.getConfigMap().getItems();
                if (items == null || items.isEmpty()) {
                    for (Map.Entry<String, String> e : data.entrySet()) {
                        Files.writeString(target.resolve(e.getKey()), e.getValue());
                    }
                } else {
                    for (KeyToPath item : items) {
                        Path file = target.resolve(item.getPath());
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, data.getOrDefault(item.getKey(), ""));
                    }
                }
            } else if (volume.getEmptyDir() == null) {
                throw new IllegalArgumentException("volume " + volume.getName() + ": k8s-emulated mounts config maps "
                        + "and emptyDir only");
            }
            mounts.put(mount.getMountPath(), target);
        }
        return Optional.of(mounts);
    }

    /** The container's environment as the kubelet resolves it, plus what the node adds. */
    Map<String, String> environment(Pod pod, Container container, String ip, Map<String, ConfigMap> configMaps) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), value(pod, var, ip, configMaps));
        }
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("HOSTNAME", pod.getMetadata().getName());
        return env;
    }

    private static String value(Pod pod, EnvVar var, String ip, Map<String, ConfigMap> configMaps) {
        if (var.getValueFrom() == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (var.getValueFrom().getFieldRef() != null) {
            String path = var.getValueFrom().getFieldRef().getFieldPath();
            return switch (path) {
                case "status.podIP" -> ip;
                case "status.hostIP" -> "127.0.0.1";
                case "spec.nodeName" -> NODE_NAME;
                case "metadata.name" -> pod.getMetadata().getName();
                case "metadata.namespace" -> pod.getMetadata().getNamespace();
                case "metadata.uid" -> pod.getMetadata().getUid();
                case "spec.serviceAccountName" -> String.valueOf(pod.getSpec().getServiceAccountName());
                default -> throw new IllegalArgumentException("env " + var.getName() + ": field " + path
                        + " is not served by k8s-emulated's downward API");
            };
        }
        if (var.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = var.getValueFrom().getConfigMapKeyRef();
            ConfigMap map = configMaps.get(pod.getMetadata().getNamespace() + "/" + ref.getName());
            if (map == null || map.getData() == null || !map.getData().containsKey(ref.getKey())) {
                throw new IllegalArgumentException("env " + var.getName() + ": config map key " + ref.getName() + "/"
                        + ref.getKey() + " not found");
            }
            return map.getData().get(ref.getKey());
        }
        throw new IllegalArgumentException("env " + var.getName() + ": only values, field refs and config map keys "
                + "are served by k8s-emulated");
    }

    private void exited(Pod pod, PodProcess process) {
        int exit = process.process().exitCode().orElse(-1);
        String policy = Optional.ofNullable(pod.getSpec().getRestartPolicy()).orElse("Always");
        if (policy.equals("Never") || (policy.equals("OnFailure") && exit == 0)) {
            running.remove(process.uid);
            ended.add(process.uid);
            writeStatus(pod, terminated(pod, exit));
            Progress.say(progressTopic, "pod " + process.namespace + "/" + process.name + " exited (" + exit + "): "
                    + (exit == 0 ? "Succeeded" : "Failed"));
            return;
        }
        // restart policy Always: the container is restarted in the same pod, as the kubelet does, backing off
        // exponentially (10 s doubling up to 5 min) after the first restart of a crash-looping container
        long backoffMs = process.restarts() == 0 ? 0 : Math.min(300_000, 10_000L << Math.min(5, process.restarts() - 1));
        long exitedAt = process.exitSeen();
        if (System.currentTimeMillis() - exitedAt < backoffMs) {
            if (process.reportBackOffOnce()) {
                wait(pod, "CrashLoopBackOff", "back-off " + backoffMs / 1000 + " s restarting failed container (exit "
                        + exit + ")");
            }
            return;
        }
        process.restarted(ManagedProcess.start("pod " + process.namespace + "/" + process.name,
                process.command(), process.dir.resolve("stdout.log")));
        writeStatus(pod, running(pod, process, pod.getSpec().getContainers().get(0)));
        Progress.say(progressTopic, "pod " + process.namespace + "/" + process.name + " container exited (" + exit
                + "), restarted (" + process.restarts() + "), pid " + process.pid());
    }

    private void resolveServices(List<Pod> pods, List<Service> services) {
        for (PodProcess process : running.values()) {
            Map<String, List<String>> addresses = new HashMap<>();
            for (Service service : services) {
                if (!service.getMetadata().getNamespace().equals(process.namespace) || service.getSpec().getSelector() == null) {
                    continue;
                }
                Map<String, String> selector = service.getSpec().getSelector();
                List<String> ips = pods.stream()
                        .filter(p -> p.getMetadata().getNamespace().equals(process.namespace))
                        .filter(p -> p.getMetadata().getLabels() != null
                                && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                        .map(p -> running.get(p.getMetadata().getUid()))
                        .filter(p -> p != null && p.alive())
                        .map(p -> p.ip).sorted().toList();
                addresses.put(service.getMetadata().getName(), ips);
            }
            process.resolve(HostsFile.render(process.ip, process.name, machineHostname, process.namespace, addresses));
        }
    }

    Optional<PodProcess> process(String namespace, String name) {
        return running.values().stream().filter(p -> p.namespace.equals(namespace) && p.name.equals(name)).findFirst();
    }

    // --- status --------------------------------------------------------------------------------------------------

    private void wait(Pod pod, String reason, String message) {
        String uid = pod.getMetadata().getUid();
        if (message.equals(waiting.put(uid, message))) {
            return; // already told
        }
        writeStatus(pod, new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName(pod.getSpec().getContainers().get(0).getName())
                        .withImage(pod.getSpec().getContainers().get(0).getImage()).withReady(false).withRestartCount(0)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                        .build())
                .build());
        Progress.say(progressTopic, "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                + " waiting: " + reason + ": " + message);
    }

    private void fail(Pod pod, String reason, String message) {
        ended.add(pod.getMetadata().getUid());
        writeStatus(pod, new PodStatusBuilder().withPhase("Failed").withReason(reason).withMessage(message).build());
        Progress.say(progressTopic, "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                + " failed: " + reason + ": " + message);
    }

    private static PodStatus running(Pod pod, PodProcess process, Container container) {
        String now = Instant.now().toString();
        List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
                .map(t -> new PodConditionBuilder().withType(t).withStatus("True").withLastTransitionTime(now).build())
                .toList();
        ContainerStatus status = new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
                .withContainerID("emulated://" + process.pid()).withReady(true).withStarted(true)
                .withRestartCount(process.restarts())
                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build();
        return new PodStatusBuilder().withPhase("Running").withPodIP(process.ip).withPodIPs(new PodIP(process.ip))
                .withHostIP("127.0.0.1").withStartTime(now).withConditions(conditions)
                .withContainerStatuses(status).build();
    }

    private static PodStatus terminated(Pod pod, int exit) {
        Container container = pod.getSpec().getContainers().get(0);
        return new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withReady(false)
                        .withNewState().withNewTerminated().withExitCode(exit).withReason(exit == 0 ? "Completed" : "Error")
                        .withFinishedAt(Instant.now().toString()).endTerminated().endState().build())
                .build();
    }

    private void writeStatus(Pod pod, PodStatus status) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .editStatus(p -> {
                        p.setStatus(status);
                        return p;
                    });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // deleted meanwhile: the next pass kills its process
        }
    }

    private static String key(ConfigMap map) {
        return map.getMetadata().getNamespace() + "/" + map.getMetadata().getName();
    }

    /** Kills every pod process of this node (the runtime is closing). */
    @Override
    public void close() {
        running.values().forEach(PodProcess::kill);
        running.clear();
    }
}
