package io.flinkcertify.k8s;

import org.apache.flink.client.deployment.ClusterSpecification;
import org.apache.flink.client.deployment.application.ApplicationConfiguration;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.client.program.ClusterClientProvider;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.kubernetes.KubernetesClusterClientFactory;
import org.apache.flink.kubernetes.KubernetesClusterDescriptor;

import java.util.Arrays;

/**
 * Deploys one Flink cluster on Kubernetes the way {@code flink run-application -t kubernetes-application} and
 * {@code kubernetes-session.sh} do: through Flink's own KubernetesClusterDescriptor (native Kubernetes mode). A
 * short-lived JVM, because it needs Flink's client and the harness does not carry it. The configuration names the
 * cluster id, namespace, image and kubeconfig; this prints {@code cluster-id=}, {@code rest=} and
 * {@code deploy-ms=} lines the harness reads, and exits. It does not wait for pods: that is the harness's probe.
 *
 * <p>Usage: {@code KubernetesDeployer <flinkConfDir> <session|application> [<entryClass> <arg>...]}.
 */
public final class KubernetesDeployer {

    public static void main(String[] args) throws Exception {
        boolean application = switch (args[1]) {
            case "application" -> true;
            case "session" -> false;
            default -> throw new IllegalArgumentException("mode must be session or application, not " + args[1]);
        };
        Configuration conf = GlobalConfiguration.loadConfiguration(args[0]);
        conf.setString("execution.target", application ? "kubernetes-application" : "kubernetes-session");

        KubernetesClusterClientFactory factory = new KubernetesClusterClientFactory();
        ClusterSpecification spec = factory.getClusterSpecification(conf);
        long t0 = System.nanoTime();
        try (KubernetesClusterDescriptor descriptor = factory.createClusterDescriptor(conf)) {
            ClusterClientProvider<String> provider = application
                    ? descriptor.deployApplicationCluster(spec, new ApplicationConfiguration(
                            Arrays.copyOfRange(args, 3, args.length), args[2]))
                    : descriptor.deploySessionCluster(spec);
            try (ClusterClient<String> client = provider.getClusterClient()) {
                System.out.println("cluster-id=" + client.getClusterId());
                System.out.println("rest=" + client.getWebInterfaceURL());
                System.out.println("deploy-ms=" + (System.nanoTime() - t0) / 1_000_000);
            }
        }
        System.out.flush();
        // the Kubernetes client's executors are not all daemon threads; the deployment is done
        System.exit(0);
    }

    private KubernetesDeployer() {}
}
