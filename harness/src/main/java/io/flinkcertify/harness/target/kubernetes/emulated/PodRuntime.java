package io.flinkcertify.harness.target.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkcertify.harness.run.Progress;

import java.util.ArrayList;
import java.util.Collection;
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
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!message.equals(lastError)) {
                Progress.say(topic, "pod runtime: " + message + " (retrying)");
            }
            lastError = message;
        }
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
            for (int i = DeploymentController.delta(deployment, pods); i > 0; i--) {
                Pod pod = DeploymentController.newReplica(deployment);
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
                changed = true;
            }
            for (Pod surplus : DeploymentController.surplus(deployment, pods)) {
                client.pods().inNamespace(surplus.getMetadata().getNamespace()).withName(surplus.getMetadata().getName()).delete();
                changed = true;
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
            if (!GarbageCollector.gone(orphan, owner -> currentUid(orphan.getMetadata().getNamespace(), owner))) {
                continue;
            }
            String ns = orphan.getMetadata().getNamespace();
            String name = orphan.getMetadata().getName();
            if (orphan instanceof Pod) {
                client.pods().inNamespace(ns).withName(name).delete();
            } else if (orphan instanceof Service) {
                client.services().inNamespace(ns).withName(name).delete();
            } else if (orphan instanceof ConfigMap) {
                client.configMaps().inNamespace(ns).withName(name).delete();
            } else if (orphan instanceof Deployment) {
                client.apps().deployments().inNamespace(ns).withName(name).delete();
            }
        }
    }

    private String currentUid(String namespace, io.fabric8.kubernetes.api.model.OwnerReference owner) {
        HasMetadata found = switch (owner.getKind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(owner.getName()).get();
            case "Pod" -> client.pods().inNamespace(namespace).withName(owner.getName()).get();
            case "ConfigMap" -> client.configMaps().inNamespace(namespace).withName(owner.getName()).get();
            case "Service" -> client.services().inNamespace(namespace).withName(owner.getName()).get();
            default -> null;
        };
        return found == null ? null : found.getMetadata().getUid();
    }

    Collection<PodProcess> processes() {
        return kubelet.processes();
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
