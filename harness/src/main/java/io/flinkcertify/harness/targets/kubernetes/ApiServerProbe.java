package io.flinkcertify.harness.targets.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkcertify.harness.targets.TargetException;

import java.time.Duration;

/**
 * One bounded question to the API server before anything starts: may this context list pods in the namespace?
 * A dead address, a silent server or refused credentials then cost one line within seconds, instead of fabric8's
 * retries in every job x target. An environment problem ({@link TargetException}, exit 3), never a verdict.
 */
public final class ApiServerProbe {

    /** Per connection and per request; the probe makes one of each. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    public static void require(Kubeconfig kubeconfig, String namespace) {
        require(kubeconfig, namespace, TIMEOUT);
    }

    static void require(Kubeconfig kubeconfig, String namespace, Duration timeout) {
        String where = "the API server " + kubeconfig.server() + " of context '" + kubeconfig.context() + "'";
        try (KubernetesClient client = kubeconfig.boundedClient(timeout)) {
            // what the run needs anyway (listing pods in its namespace), not a cluster-wide permission
            client.pods().inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build());
        } catch (KubernetesClientException e) {
            throw new TargetException(switch (e.getCode()) {
                case 401 -> "--kubeconfig: " + where + " refuses its credentials (HTTP 401); renew the user's token "
                        + "or certificate in " + kubeconfig.file();
                case 403 -> "--kubeconfig: the credentials of context '" + kubeconfig.context() + "' may not list pods "
                        + "in namespace '" + namespace + "' (HTTP 403); grant them, or pick a user that may with --context";
                default -> "--kubeconfig/--context: " + where + " did not answer within " + timeout.toSeconds()
                        + " s (" + cause(e) + "); check that the cluster is reachable from here, or pick another context";
            });
        }
    }

    // the innermost cause says what happened on the wire (Connection refused, timeout); its class alone if silent
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    private ApiServerProbe() {}
}
