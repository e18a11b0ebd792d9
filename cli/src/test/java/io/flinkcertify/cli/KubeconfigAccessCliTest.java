package io.flinkcertify.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubeconfig target through the CLI: a wrong context or a broken file is bad input (exit 2), a dead API server
 * is the environment (exit 3); each is one line within seconds, nothing is started, and the file's token is never
 * printed. The only server named is on 127.0.0.1, where nothing listens.
 */
class KubeconfigAccessCliTest {

    private static final String TOKEN = "cli-planted-token-9d8e7f";
    private static final Duration FAST = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownContextIsBadInputListingTheContexts() throws Exception {
        long t0 = System.nanoTime();
        assertEquals(ExitCodes.BAD_INPUT, certify(kubeconfig(deadServer()), "--context", "nope"));
        assertFast(t0);
        assertEquals("certify: --context: 'nope' is not a context of " + dir.resolve("kubeconfig")
                + "; use one of [one]; fix: see 'bin/certify --help'", errLine());
    }

    @Test
    void aKubeconfigThatIsNotYamlIsBadInputWithoutItsToken() throws Exception {
        Path file = Files.writeString(dir.resolve("kubeconfig"), "users:\n- name: u\n  user:\n    token: " + TOKEN
                + " : [\n");
        assertEquals(ExitCodes.BAD_INPUT, certify(file));
        String line = errLine();
        assertTrue(line.contains("--kubeconfig: " + file + " is not valid YAML (line "), line);
        assertFalse((line + out.toString(StandardCharsets.UTF_8)).contains(TOKEN), line);
    }

    @Test
    void anApiServerWhereNothingListensIsAnEnvironmentErrorWithinSeconds() throws Exception {
        String server = deadServer();
        long t0 = System.nanoTime();
        assertEquals(ExitCodes.ENVIRONMENT, certify(kubeconfig(server)));
        assertFast(t0);
        String line = errLine();
        assertTrue(line.contains("the API server " + server + " of context 'one' did not answer"), line);
        assertTrue(line.contains("--kubeconfig/--context"), line);
        assertFalse(line.contains(TOKEN), line);
    }

    private int certify(Path kubeconfig, String... more) {
        String[] args = {"--targets", "kubeconfig", "--kubeconfig", kubeconfig.toString(), "--namespace", "team-a",
                "--allow-namespace", "team-a", "--out", dir.resolve("out").toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        int code = CertifyCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        assertFalse(Files.exists(dir.resolve("out")), "a refused run must not create outputs");
        return code;
    }

    private Path kubeconfig(String server) throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), String.join("\n", "apiVersion: v1", "kind: Config",
                "clusters:", "- name: c", "  cluster:", "    server: " + server, "contexts:", "- name: one",
                "  context:", "    cluster: c", "    user: u", "current-context: one", "users:", "- name: u",
                "  user:", "    token: " + TOKEN, ""));
    }

    private static String deadServer() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "https://127.0.0.1:" + s.getLocalPort();
        }
    }

    private String errLine() {
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), "expected exactly one line, got:\n" + text);
        return text;
    }

    private static void assertFast(long t0) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(FAST) < 0, "took " + took);
    }
}
