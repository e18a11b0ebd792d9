package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkcertify.harness.lifecycle.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster side of k8s-emulated behind the mock API server: the few controllers Flink needs (Deployments to
 * pods, owner-reference garbage collection) and one node ({@link Kubelet}) running pods as local Flink JVMs. It
 * reconciles by listing, every {@value #PERIOD_MS} ms, which keeps it simple and always converging; the lag it adds
 * is at most one period, far below Flink's own timeouts.
 */
final class PodRuntime implements AutoCloseable {

    static final long PERIOD_MS = 200;

    private final KubernetesClient client;
    private final Kubelet kubelet;
    private final String topic;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "k8s-emulated-pod-runtime");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastError;

    PodRuntime(KubernetesClient client, Kubelet kubelet, String topic) {
        this.client = client;
        this.kubelet = kubelet;
        this.topic = topic;
    }

    void start() {
        loop.scheduleWithFixedDelay(this::reconcileQuietly, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
            lastError = null;
        } catch (RuntimeException e) {
            report(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Says what failed once, not every period while it keeps failing. */
    private void report(String message) {
        if (!message.equals(lastError)) {
            Progress.say(topic, "pod runtime: " + message + " (retrying)");
        }
        lastError = message;
    }

    /** One pass: replicas, then the node, then garbage collection. */
    void reconcile() {
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        boolean changed = false;
        for (Deployment deployment : deployments) {
            if (deployment.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                changed |= scale(deployment, pods);
            } catch (RuntimeException e) {
                // one Deployment the controller cannot serve must not stop it serving the others
                report("deployment " + deployment.getMetadata().getName() + ": " + e.getMessage());
            }
        }
        if (changed) {
            pods = client.pods().inAnyNamespace().list().getItems();
        }
        List<Service> services = client.services().inAnyNamespace().list().getItems();
        List<ConfigMap> configMaps = client.configMaps().inAnyNamespace().list().getItems();
        kubelet.sync(pods, services, configMaps);

        List<HasMetadata> all = new ArrayList<>(deployments);
        all.addAll(pods);
        all.addAll(services);
        all.addAll(configMaps);
        for (HasMetadata orphan : GarbageCollector.orphans(all)) {
            try {
                if (GarbageCollector.gone(orphan, owner -> currentUid(orphan.getMetadata().getNamespace(), owner))) {
                    typed(orphan.getKind(), orphan.getMetadata().getNamespace(), orphan.getMetadata().getName()).delete();
                }
            } catch (RuntimeException e) {
                report("garbage collection of " + orphan.getKind() + " " + orphan.getMetadata().getName() + ": " + e.getMessage());
            }
        }
    }

    /** Creates missing replicas of {@code deployment} and deletes surplus ones; true if anything changed. */
    private boolean scale(Deployment deployment, List<Pod> pods) {
        boolean changed = false;
        for (int i = DeploymentController.delta(deployment, pods); i > 0; i--) {
            Pod pod = DeploymentController.newReplica(deployment);
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
            changed = true;
        }
        for (Pod surplus : DeploymentController.surplus(deployment, pods)) {
            client.pods().inNamespace(surplus.getMetadata().getNamespace()).withName(surplus.getMetadata().getName()).delete();
            changed = true;
        }
        return changed;
    }

    private String currentUid(String namespace, OwnerReference owner) {
        HasMetadata found = typed(owner.getKind(), namespace, owner.getName()).get();
        return found == null ? null : found.getMetadata().getUid();
    }

    /** The kinds Flink creates, by name; the mock API server serves no discovery for generic access. */
    private Resource<? extends HasMetadata> typed(String kind, String namespace, String name) {
        return switch (kind) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name);
            case "Pod" -> client.pods().inNamespace(namespace).withName(name);
            case "ConfigMap" -> client.configMaps().inNamespace(namespace).withName(name);
            case "Service" -> client.services().inNamespace(namespace).withName(name);
            default -> throw new IllegalArgumentException("k8s-emulated does not collect " + kind);
        };
    }

    Optional<PodProcess> process(String namespace, String name) {
        return kubelet.process(namespace, name);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kubelet.close();
    }
}
