package io.flinkcertify.harness.run;

import io.flinkcertify.harness.lifecycle.Progress;
import io.flinkcertify.harness.evidence.Deployment;
import io.flinkcertify.harness.oracle.Judgement;
import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.harness.targets.TargetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets the run holds never reach what a check leaves behind: ledger files, the JUnit failure, progress. */
class CheckRunnerRedactionTest {

    private static final String TOKEN = "kubeconfig-token-7f3e9a1c";
    private static final String CLIENT_KEY = "Y2xpZW50LWtleS1kYXRhLXBsYW50ZWQ=";
    private static final String S3_SECRET = "s3-secret-value-Q9zX";
    private static final List<String> PLANTED = List.of(TOKEN, CLIENT_KEY, S3_SECRET);

    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void restore() {
        Progress.redirect(System.err::println);
    }

    @Test
    void aFailureQuotingSecretsLeavesNoneInAnyFileOrMessage(@TempDir Path out) throws IOException {
        Redaction.register(TOKEN);
        Redaction.register(CLIENT_KEY);
        Redaction.registerSensitiveValues(Map.of("s3.secret-key", S3_SECRET));
        Progress.redirect(progress::add);
        CheckRunner runner = new CheckRunner(new CheckLedger(out));
        String quoted = "token: " + TOKEN + ", client-key-data: " + CLIENT_KEY + ", s3.secret-key: " + S3_SECRET;

        AssertionFailedError judged = assertThrows(AssertionFailedError.class, () -> runner.run(
                new CheckId("job-a", "integration", "kubeconfig", "judged"),
                // the secret in a typed field, in the headline made from it, and in nested descriptive facts
                () -> Judgement.fail("config was " + quoted, new Deployment(quoted, null, 0, 0, 0, "RUNNING", 1,
                        Map.of("config", Map.of("line", quoted), "lines", List.of(quoted), "record", new Quoted(quoted))))));
        AssertionFailedError thrown = assertThrows(AssertionFailedError.class, () -> runner.run(
                new CheckId("job-a", "integration", "kubeconfig", "thrown"),
                () -> { throw new TargetException("cannot start: " + quoted, new IllegalStateException(quoted)); }));

        List<String> texts = new ArrayList<>(progress);
        for (AssertionFailedError e : List.of(judged, thrown)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            texts.add(trace.toString());
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(out)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertEquals(2, written.size(), written.toString());
        for (Path file : written) {
            texts.add(Files.readString(file));
        }
        for (String text : texts) {
            for (String secret : PLANTED) {
                assertFalse(text.contains(secret), secret + " leaked into: " + text);
            }
        }
        // the masks are where the secrets were: the rest of the message still explains the failure
        assertTrue(texts.stream().anyMatch(t -> t.contains("cannot start: token: ***, client-key-data: ***")), texts.toString());
        assertEquals(2, new CheckLedger(out).read().size());
    }

    record Quoted(String text) {}
}
