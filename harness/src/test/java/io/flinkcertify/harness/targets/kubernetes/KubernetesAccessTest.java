package io.flinkcertify.harness.targets.kubernetes;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.flinkcertify.harness.targets.TargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubeconfig target's access is explicit and fast: a wrong file or context is refused before any connection,
 * an unreachable or refusing API server costs one line within seconds, and no message quotes the file's secrets.
 * Every server here is on 127.0.0.1.
 */
class KubernetesAccessTest {

    private static final String TOKEN = "planted-bearer-token-5c0ffee";
    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aKubeconfigThatIsNotYamlIsRefusedByLineAndColumnWithoutQuotingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("kubeconfig"), String.join("\n", "apiVersion: v1",
                "users:", "- name: u", "  user:", "    token: " + TOKEN + " [unclosed: {", "  oops: : ]", ""));
        String problem = access(file, null).problem().orElseThrow();
        assertTrue(problem.startsWith("--kubeconfig: " + file + " is not valid YAML (line "), problem);
        assertSecretFreeLine(problem);
    }

    @Test
    void anUnknownContextIsRefusedNamingTheContextsThereAre() throws IOException {
        Path file = kubeconfig("https://127.0.0.1:" + closedPort(), "one", "");
        long t0 = System.nanoTime();
        String problem = access(file, "prod-typo").problem().orElseThrow();
        assertFast(t0);
        assertEquals("--context: 'prod-typo' is not a context of " + file + "; use one of [one, two]", problem);
        TargetException refused = assertThrows(TargetException.class,
                () -> new KubeconfigCluster(access(file, "prod-typo")));
        assertTrue(refused.getMessage().contains("--context: 'prod-typo'"), refused.getMessage());
    }

    @Test
    void noCurrentContextAndNoContextFlagIsRefusedNamingTheFlag() throws IOException {
        Path file = kubeconfig("https://127.0.0.1:" + closedPort(), "", "");
        String problem = access(file, null).problem().orElseThrow();
        assertEquals("--context: " + file + " has no current-context; pass --context, one of [one, two]", problem);
    }

    @Test
    void aClientKeyThatIsNotBase64IsNamedByItsField() throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----END PRIVATE KEY-----";
        Path file = kubeconfig("https://127.0.0.1:" + closedPort(), "one", "    client-key-data: " + pem + "\n");
        long t0 = System.nanoTime();
        String problem = access(file, null).problem().orElseThrow();
        assertFast(t0);
        assertTrue(problem.startsWith("--kubeconfig: users[0].user.client-key-data in " + file + " is not base64"), problem);
        assertFalse(problem.contains("Illegal base64"), problem);
        assertSecretFreeLine(problem);
    }

    @Test
    void aClientKeyThatIsBase64OfNoKeyIsNamedByItsField() throws IOException {
        String cert = base64("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        String key = base64("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        Path file = kubeconfig("https://127.0.0.1:" + closedPort(), "one",
                "    client-certificate-data: " + cert + "\n    client-key-data: " + key + "\n");
        String problem = access(file, null).problem().orElseThrow();
        assertTrue(problem.startsWith("--kubeconfig: the client certificate or key of context 'one'"), problem);
        assertTrue(problem.contains("users[].user.client-key-data"), problem);
        assertSecretFreeLine(problem);
    }

    @Test
    void anApiServerWhereNothingListensIsOneLineWithinSeconds() throws IOException {
        String server = "https://127.0.0.1:" + closedPort();
        KubernetesAccess access = access(kubeconfig(server, "one", ""), null);
        assertTrue(access.problem().isEmpty(), access.problem().toString());
        long t0 = System.nanoTime();
        TargetException e = assertThrows(TargetException.class, access::requireReachable);
        assertFast(t0);
        assertTrue(e.getMessage().startsWith("--kubeconfig/--context: the API server " + server + " of context 'one'"),
                e.getMessage());
        assertSecretFreeLine(e.getMessage());
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsBoundedToo() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String server = "http://127.0.0.1:" + silent.getLocalPort();
            Kubeconfig kubeconfig = access(kubeconfig(server, "one", ""), null).kubeconfigChecked();
            long t0 = System.nanoTime();
            TargetException e = assertThrows(TargetException.class,
                    () -> ApiServerProbe.require(kubeconfig, "team-a", Duration.ofSeconds(2)));
            assertFast(t0);
            assertTrue(e.getMessage().contains("did not answer within 2 s"), e.getMessage());
            // the probe went where the file says, and nowhere else
            assertFalse(accepted.isEmpty(), "no connection reached the kubeconfig's server");
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void refusedCredentialsAreNamedAsSuch() throws IOException {
        for (int status : new int[] {401, 403}) {
            HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            api.createContext("/", exchange -> {
                byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":" + status
                        + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            api.start();
            try {
                KubernetesAccess access = access(kubeconfig("http://127.0.0.1:" + api.getAddress().getPort(), "one", ""), null);
                TargetException e = assertThrows(TargetException.class, access::requireReachable);
                assertTrue(e.getMessage().contains("(HTTP " + status + ")"), e.getMessage());
                assertTrue(e.getMessage().contains("credentials"), e.getMessage());
                assertSecretFreeLine(e.getMessage());
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void theEnvironmentCannotRedirectTheClientAwayFromTheFilesServer() throws IOException {
        String server = "https://127.0.0.1:" + closedPort();
        Kubeconfig kubeconfig = access(kubeconfig(server, "one", ""), null).kubeconfigChecked();
        String before = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "https://kubernetes.default.svc");
        try {
            Config config = kubeconfig.clientConfig();
            assertTrue(config.getMasterUrl().startsWith(server), config.getMasterUrl());
            assertEquals(TOKEN, config.getAutoOAuthToken());
        } finally {
            if (before == null) {
                System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
            } else {
                System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, before);
            }
        }
    }

    private KubernetesAccess access(Path kubeconfig, String context) {
        return new KubernetesAccess(kubeconfig, context, "team-a", Set.of("team-a"), null, null);
    }

    /** Two contexts on one cluster; {@code userExtra} adds lines under users[0].user. */
    private Path kubeconfig(String server, String currentContext, String userExtra) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig-" + System.nanoTime()), String.join("\n", "apiVersion: v1",
                "kind: Config", "clusters:", "- name: c", "  cluster:", "    server: " + server,
                "contexts:", "- name: one", "  context:", "    cluster: c", "    user: u",
                "- name: two", "  context:", "    cluster: c", "    user: u",
                "current-context: '" + currentContext + "'",
                "users:", "- name: u", "  user:", "    token: " + TOKEN, userExtra));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertFast(long t0) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(FAST) < 0, "took " + took);
    }

    private static void assertSecretFreeLine(String message) {
        assertFalse(message.contains(TOKEN), message);
        assertFalse(message.contains("BEGIN"), message);
        assertEquals(1, message.lines().count(), message);
    }
}
