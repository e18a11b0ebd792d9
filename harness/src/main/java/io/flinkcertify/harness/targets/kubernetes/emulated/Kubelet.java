package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkcertify.harness.process.JavaCommand;
import io.flinkcertify.harness.process.ManagedProcess;
import io.flinkcertify.harness.lifecycle.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The node agent of k8s-emulated: runs each pod's container as a local Flink JVM and keeps the API server told.
 * A pod starts once its image is known and its config maps exist (materialised as files by the
 * {@link VolumeMounter}); it gets an address of its own, the environment its spec asks for
 * ({@link PodEnvironment}, downward-API fields included), the JVM the image would start ({@link PodJvm}), and a
 * hosts file resolving service names ({@link ServiceEndpoints}, {@link HostsFile}). Its status
 * ({@link PodStatuses}) is written back. A deleted pod's process is killed at once (the mock API server removes a
 * pod without a grace period, as {@code --grace-period=0 --force} does); a process that exits is restarted or ends
 * its pod as its {@link RestartPolicy} says. This class is the loop and the bookkeeping; each decision is one of
 * those parts.
 */
final class Kubelet implements AutoCloseable {

    static final String NODE_NAME = "flink-certify-node";
    static final String FLINK_CONF_MOUNT = "/opt/flink/conf";
    /** The argv marker of a pod's JVM, so evidence and leftovers can be traced to the pod. */
    static final String POD_PROPERTY = "flink-certify.pod";

    private final KubernetesClient client;
    private final PodImages images;
    private final Path root;
    private final PodEnvironment environment;
    private final PodJvm jvm;
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
        this.environment = new PodEnvironment(kubeconfig);
        this.jvm = new PodJvm(PodJvm.BASH_JAVA_UTILS);
        this.addresses = addresses;
        this.machineHostname = machineHostname;
        this.progressTopic = progressTopic;
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
        ConfigMapIndex maps = ConfigMapIndex.of(configMaps);
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (!present.contains(uid) || ended.contains(uid) || PodStatuses.ended(pod)) {
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

    private void start(Pod pod, ConfigMapIndex configMaps) {
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
            VolumeMounter.Result mounted = VolumeMounter.mount(pod, container, configMaps, dir);
            if (mounted instanceof VolumeMounter.ConfigMapMissing missing) {
                wait(pod, "ContainerCreating", "config map " + missing.name() + " not found yet");
                return;
            }
            Path confDir = ((VolumeMounter.Mounted) mounted).paths().get(FLINK_CONF_MOUNT);
            if (confDir == null) {
                wait(pod, "CreateContainerConfigError", "no Flink configuration is mounted at " + FLINK_CONF_MOUNT);
                return;
            }
            PodCommand command = PodCommand.of(container.getCommand(), container.getArgs());
            String ip = addresses.allocate();
            Map<String, String> env = environment.resolve(pod, container, ip, configMaps);
            env.put("FLINK_CONF_DIR", confDir.toString()); // the image's ENV: where the config map is mounted
            PodProcess process = new PodProcess(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid,
                    ip, command.role(), dir, dir.resolve(command.role().name().toLowerCase() + ".log"));
            process.resolve(HostsFile.render(ip, pod.getMetadata().getName(), machineHostname,
                    pod.getMetadata().getNamespace(), Map.of()));
            JavaCommand java = jvm.command(command, classpath.get(), confDir, env, process);
            process.started(ManagedProcess.start("pod " + process.namespace + "/" + process.name, java,
                    dir.resolve("stdout.log")), java);
            running.put(uid, process);
            waiting.remove(uid);
            writeStatus(pod, running(process, container));
            Progress.say(progressTopic, String.format("pod %s/%s (%s) running at %s, pid %d",
                    process.namespace, process.name, command.role().name().toLowerCase(), ip, process.pid()));
        } catch (IOException | RuntimeException e) {
            // one pod the node cannot run must not stop the node from running the others
            fail(pod, "CreateContainerError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void exited(Pod pod, PodProcess process) {
        int exit = process.process().exitCode().orElse(-1);
        Container container = pod.getSpec().getContainers().get(0);
        if (RestartPolicy.of(pod.getSpec().getRestartPolicy()).ends(exit)) {
            running.remove(process.uid);
            ended.add(process.uid);
            writeStatus(pod, PodStatuses.terminated(container, exit, Instant.now()));
            Progress.say(progressTopic, "pod " + process.namespace + "/" + process.name + " exited (" + exit + "): "
                    + (exit == 0 ? "Succeeded" : "Failed"));
            return;
        }
        // the container is restarted in the same pod, as the kubelet does, backing off a crash-looping container
        long backoffMs = RestartPolicy.backOffMillis(process.restarts());
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
        writeStatus(pod, running(process, container));
        Progress.say(progressTopic, "pod " + process.namespace + "/" + process.name + " container exited (" + exit
                + "), restarted (" + process.restarts() + "), pid " + process.pid());
    }

    private void resolveServices(List<Pod> pods, List<Service> services) {
        for (PodProcess process : running.values()) {
            Map<String, List<String>> endpoints = ServiceEndpoints.in(process.namespace, pods, services, this::liveAddress);
            process.resolve(HostsFile.render(process.ip, process.name, machineHostname, process.namespace, endpoints));
        }
    }

    private Optional<String> liveAddress(String uid) {
        return Optional.ofNullable(running.get(uid)).filter(PodProcess::alive).map(p -> p.ip);
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
        writeStatus(pod, PodStatuses.pending(pod.getSpec().getContainers().get(0), reason, message));
        Progress.say(progressTopic, "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                + " waiting: " + reason + ": " + message);
    }

    private void fail(Pod pod, String reason, String message) {
        ended.add(pod.getMetadata().getUid());
        writeStatus(pod, PodStatuses.failed(reason, message));
        Progress.say(progressTopic, "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()
                + " failed: " + reason + ": " + message);
    }

    private static PodStatus running(PodProcess process, Container container) {
        return PodStatuses.running(container, process.ip, process.pid(), process.restarts(), Instant.now());
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

    /** Kills every pod process of this node (the runtime is closing). */
    @Override
    public void close() {
        running.values().forEach(PodProcess::kill);
        running.clear();
    }
}
