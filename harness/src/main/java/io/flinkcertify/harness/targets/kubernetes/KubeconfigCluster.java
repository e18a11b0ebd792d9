package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.targets.TargetException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An existing cluster reached through a kubeconfig (a staging cluster, or k3s in a container). Pods run wherever
 * the cluster puts them, so the harness reaches their ports through port-forwards it opens on 127.0.0.1 and closes
 * with the target, and has no process of theirs to signal. Only allow-listed namespaces are touched.
 */
public final class KubeconfigCluster implements KubernetesCluster {

    public static final String KIND = "kubeconfig";

    private final KubernetesAccess access;
    private final KubernetesClient client;
    private final Sandbox sandbox;
    private final Path kubeconfig;
    private final Map<String, LocalPortForward> forwards = new ConcurrentHashMap<>();
    private final AutoCloseable provider;

    public KubeconfigCluster(KubernetesAccess access) {
        this(access, () -> { });
    }

    /** A cluster someone started for this run ({@code provider}, e.g. a k3s container), stopped with it. */
    KubeconfigCluster(KubernetesAccess access, AutoCloseable provider) {
        this.access = access;
        this.provider = provider;
        access.problem().ifPresent(p -> {
            throw new TargetException("kubeconfig: " + p);
        });
        this.kubeconfig = access.kubeconfigFile();
        this.sandbox = new Sandbox(access.allowedNamespaces(), RunId.current().value());
        this.client = connect(access.kubeconfigChecked(), access.namespace());
    }

    /** A client for the checked kubeconfig's context, after one bounded probe says the cluster answers. */
    static KubernetesClient connect(Kubeconfig kubeconfig, String namespace) {
        ApiServerProbe.require(kubeconfig, namespace);
        return kubeconfig.client();
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String namespace() {
        return access.namespace();
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Path flinkKubeconfig() {
        return kubeconfig;
    }

    @Override
    public Optional<String> context() {
        return Optional.ofNullable(access.context());
    }

    @Override
    public String image(String flinkVersion, List<Path> classpath) {
        return access.image() != null ? access.image() : "flink:" + flinkVersion + "-java17";
    }

    @Override
    public String storage(String clusterId, Path local) {
        // without shared storage, pods keep checkpoints to themselves: the facts say so
        return access.storageDir() != null ? access.storageDir() + "/" + clusterId
                : "file:///tmp/flink-certify/" + clusterId;
    }

    @Override
    public URI endpoint(Pod pod, int port) {
        String key = pod.getMetadata().getName() + ":" + port;
        // a forward whose pod went away is dead: close it and forward to the pod asked for now
        LocalPortForward forward = forwards.compute(key, (k, old) -> {
            if (old != null && old.isAlive()) {
                return old;
            }
            closeQuietly(old);
            return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .portForward(port);
        });
        return URI.create("http://127.0.0.1:" + forward.getLocalPort());
    }

    @Override
    public OptionalLong pid(Pod pod) {
        return OptionalLong.empty();
    }

    @Override
    public Optional<Path> log(Pod pod) {
        return Optional.empty();
    }

    @Override
    public Optional<FaultProxy> apiServerRelay() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("apiServer", client.getMasterUrl().toString());
        facts.put("kubeconfig", kubeconfig.toString());
        facts.put("context", access.context());
        facts.put("sharedStorage", access.storageDir() != null ? access.storageDir()
                : "none: checkpoints and HA data are pod-local, a JobManager failover cannot restore");
        return facts;
    }

    @Override
    public void close() {
        forwards.values().forEach(KubeconfigCluster::closeQuietly);
        forwards.clear();
        try {
            client.close();
        } finally {
            try {
                provider.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the cluster's provider: " + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(LocalPortForward forward) {
        if (forward == null) {
            return;
        }
        try {
            forward.close();
        } catch (IOException ignored) {
            // a forward whose pod is gone is closed already
        }
    }
}
