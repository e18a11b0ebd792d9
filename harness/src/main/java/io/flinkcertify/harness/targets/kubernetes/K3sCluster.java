package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.targets.TargetOptions;
import io.flinkcertify.harness.targets.TargetUnavailable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A k3s cluster in a container (Testcontainers' k3s module), used as any kubeconfig cluster is: this class only
 * obtains it; {@link KubeconfigCluster} and {@link KubernetesTarget} do the rest. Nothing is pulled (this machine
 * has no registry): where Docker or the k3s image is missing, the target is unavailable and its checks are skipped
 * with the reason. The Flink image pods run must be imported into k3s beforehand (README).
 */
public final class K3sCluster {

    public static final String KIND = "k3s";
    /** Override with FLINK_CERTIFY_K3S_IMAGE. */
    static final String DEFAULT_IMAGE = "rancher/k3s:v1.30.4-k3s1";

    public static KubernetesCluster start(TargetOptions options) {
        String image = System.getenv().getOrDefault("FLINK_CERTIFY_K3S_IMAGE", DEFAULT_IMAGE);
        unavailableBecause(image);
        K3sContainer k3s = new K3sContainer(DockerImageName.parse(image)).withImagePullPolicy(name -> false);
        Progress.say(KIND, "starting " + image + " ...");
        k3s.start();
        Path kubeconfig = null;
        KubeconfigCluster cluster = null;
        try {
            kubeconfig = Files.createTempFile("flink-certify-k3s-", ".yaml");
            Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
            String namespace = RunId.current().value();
            Path file = kubeconfig;
            cluster = new KubeconfigCluster(new KubernetesAccess(kubeconfig, null, namespace, Set.of(namespace),
                    options.kubernetes().image(), null), () -> {
                k3s.stop();
                Files.deleteIfExists(file);
            });
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(cluster.sandbox().runLabels()).endMetadata().build()).create();
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close(); // stops the container and removes the kubeconfig
            } else {
                k3s.stop();
                deleteQuietly(kubeconfig);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temp file; the OS cleans /tmp
        }
    }

    /**
     * Why k3s cannot run on this machine (no Docker engine, no image), or empty if it can; asked before a run starts
     * so that a target that cannot run is an environment error up front, not a run of skipped checks. Docker
     * detection tries several sockets and may hang on a dead one, so the answer is bounded by {@code limit}.
     */
    public static Optional<String> unavailableReason(Duration limit) {
        String image = System.getenv().getOrDefault("FLINK_CERTIFY_K3S_IMAGE", DEFAULT_IMAGE);
        ExecutorService probe = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "k3s-availability");
            t.setDaemon(true); // a hung Docker probe must not keep the JVM alive
            return t;
        });
        try {
            probe.submit(() -> unavailableBecause(image)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause() instanceof TargetUnavailable u ? u.getMessage()
                    : "k3s: cannot tell whether Docker runs here (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (TimeoutException e) {
            return Optional.of("k3s: the Docker engine did not answer within " + limit.toSeconds() + " s; start it "
                    + "(or check DOCKER_HOST) to run the k3s target");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("k3s: interrupted while checking for a Docker engine");
        } finally {
            probe.shutdownNow();
        }
    }

    /** Throws {@link TargetUnavailable} naming what is missing: the Docker engine, or the image. */
    static void unavailableBecause(String image) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            throw new TargetUnavailable("k3s: no Docker engine is reachable on this machine; install and start "
                    + "docker.io and load the " + image + " and Flink images (README: the k3s target) to run it");
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            throw new TargetUnavailable("k3s: image " + image + " is not present in the local Docker engine and this "
                    + "machine pulls nothing; 'docker load' it (or set FLINK_CERTIFY_K3S_IMAGE) to run the k3s target");
        }
    }

    private K3sCluster() {}
}
