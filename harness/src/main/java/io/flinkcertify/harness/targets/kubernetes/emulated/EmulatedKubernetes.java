package io.flinkcertify.harness.targets.kubernetes.emulated;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.flinkcertify.harness.fault.proxy.FaultProxy;
import io.flinkcertify.harness.lifecycle.Teardown;
import io.flinkcertify.harness.lifecycle.Workspace;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.TargetException;
import io.flinkcertify.harness.targets.kubernetes.KubernetesCluster;
import io.flinkcertify.harness.targets.kubernetes.Sandbox;
import okhttp3.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code k8s-emulated}'s cluster: fabric8's mock API server in CRUD mode (real REST, watches, optimistic locking)
 * on a free loopback port, plain HTTP with a dummy token, and the {@link PodRuntime} behind it. Flink reaches the
 * API server through a harness-owned {@link FaultProxy} (the API-server faults act there); the controllers use a
 * direct path. One per harness run, shared by its k8s-emulated targets like a real cluster; each run deploys into
 * a namespace named after its run id.
 */
public final class EmulatedKubernetes implements KubernetesCluster {

    public static final String TOPIC = "k8s-emulated";
    /** Held so its level sticks: the mock server logs every request at INFO. */
    private static final Logger MOCK_LOG = Logger.getLogger("okhttp3.mockwebserver");
    private static EmulatedKubernetes shared;

    private final Workspace workspace;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final FaultProxy apiRelay;
    private final Path flinkKubeconfig;
    private final PodImages images = new PodImages();
    private final PodRuntime runtime;
    private final Sandbox sandbox;
    private final String namespace = RunId.current().value();
    private final long startMillis;

    private EmulatedKubernetes(Path workRoot) {
        long t0 = System.nanoTime();
        MOCK_LOG.setLevel(Level.WARNING);
        // built step by step; whatever started before a failure is stopped again (nothing is registered yet)
        Teardown partial = new Teardown("k8s-emulated cluster start");
        try {
            workspace = Workspace.create(workRoot, "k8s-emulated-cluster");
            partial.register("workspace", workspace);
            MockWebServer http = new MockWebServer();
            http.setServerSocketFactory(new NoDelayServerSockets());
            server = new KubernetesMockServer(new Context(), http, new HashMap<>(),
                    new KubernetesCrudDispatcher(List.of()), false);
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            partial.register("mock API server", server::destroy);
            client = server.createClient();
            partial.register("client", client);
            apiRelay = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.getPort()), namespace.hashCode());
            partial.register("API relay", apiRelay);
            flinkKubeconfig = writeKubeconfig(workspace.root().resolve("kubeconfig.yaml"), apiRelay.port(), namespace);
            sandbox = new Sandbox(Set.of(namespace), RunId.current().value());
            runtime = new PodRuntime(client, new Kubelet(client, images, workspace.dir("pods"), flinkKubeconfig,
                    new PodAddresses(), machineHostname(), TOPIC), TOPIC);
            runtime.start();
        } catch (IOException | RuntimeException e) {
            partial.close();
            throw new TargetException(TOPIC + ": the emulated cluster did not start: " + e.getMessage(), e);
        }
        startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** The run's emulated cluster, started now if it is not running. */
    public static synchronized EmulatedKubernetes shared(Path workRoot) {
        if (shared == null) {
            EmulatedKubernetes started = new EmulatedKubernetes(workRoot);
            shared = started;
            Teardown.global().register("k8s-emulated cluster (API server 127.0.0.1:" + started.server.getPort() + ")", () -> {
                synchronized (EmulatedKubernetes.class) {
                    if (shared == started) {
                        shared = null;
                    }
                }
                started.shutdown();
            });
            Progress.say(TOPIC, String.format("mock API server at http://127.0.0.1:%d (Flink's path through %s), "
                    + "pod runtime started, namespace %s, in %.1f s", started.server.getPort(), started.apiRelay,
                    started.namespace, started.startMillis / 1000.0));
        }
        return shared;
    }

    /** A kubeconfig for plain HTTP with a dummy token, as the mock server accepts. */
    static Path writeKubeconfig(Path file, int port, String namespace) {
        String yaml = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: k8s-emulated",
                "  cluster:",
                "    server: http://127.0.0.1:" + port,
                "contexts:",
                "- name: k8s-emulated",
                "  context:",
                "    cluster: k8s-emulated",
                "    user: flink-certify",
                "    namespace: " + namespace,
                "current-context: k8s-emulated",
                "users:",
                "- name: flink-certify",
                "  user:",
                "    token: emulated",
                "");
        try {
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Path flinkKubeconfig() {
        return flinkKubeconfig;
    }

    @Override
    public Optional<String> context() {
        return Optional.empty();
    }

    /** The image of a distribution is registered with the node under a name that says which Flink it is. */
    @Override
    public String image(String flinkVersion, List<Path> classpath) {
        String reference = "flink-certify/flink:" + flinkVersion;
        images.register(reference, classpath);
        return reference;
    }

    @Override
    public String storage(String clusterId, Path local) {
        return local.toUri().toString(); // pods run on this machine
    }

    @Override
    public URI endpoint(Pod pod, int port) {
        return URI.create("http://" + pod.getStatus().getPodIP() + ":" + port);
    }

    @Override
    public OptionalLong pid(Pod pod) {
        return runtime.process(pod.getMetadata().getNamespace(), pod.getMetadata().getName())
                .filter(PodProcess::alive).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<Path> log(Pod pod) {
        return runtime.process(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).map(p -> p.logFile);
    }

    @Override
    public Optional<FaultProxy> apiServerRelay() {
        return Optional.of(apiRelay);
    }

    @Override
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("apiServer", "fabric8 kubernetes-server-mock (CRUD) at http://127.0.0.1:" + server.getPort());
        facts.put("apiServerRelay", apiRelay.toString());
        facts.put("clusterStartMs", startMillis);
        return facts;
    }

    @Override
    public void close() {
        // shared by the run: the global teardown ends it
    }

    private void shutdown() {
        try {
            runtime.close();
            apiRelay.close();
            client.close();
            server.destroy();
        } finally {
            workspace.close();
        }
    }

    private static String machineHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
