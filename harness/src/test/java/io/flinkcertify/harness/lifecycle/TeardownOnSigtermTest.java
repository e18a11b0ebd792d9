package io.flinkcertify.harness.lifecycle;

import io.flinkcertify.harness.process.ProcessRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A harness JVM ended by SIGTERM: its shutdown hook closes what it started and then forgets the run's ledger, which
 * stays only when something could not be closed (for the next run to reap). Probed in a JVM of its own.
 */
class TeardownOnSigtermTest {

    @TempDir
    Path dir;

    /** Records a directory in the ledger, registers a resource (failing on close when asked), then waits. */
    public static void main(String[] args) throws Exception {
        Path owned = Files.createDirectories(Path.of(args[0]));
        ProcessRegistry.defaultRegistry().recordDirectory(owned);
        boolean failing = args.length > 1 && args[1].equals("fail");
        Teardown.global().register("probe", () -> {
            if (failing) {
                throw new IOException("cannot close");
            }
            Files.deleteIfExists(owned);
        });
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }

    private List<Path> ledgersAfterSigterm(String... mode) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                TeardownOnSigtermTest.class.getName(), dir.resolve("owned").toString()));
        argv.addAll(List.of(mode));
        Process probe = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String first = new String(probe.getInputStream().readNBytes(6));
            assertEquals("ready\n", first);
            Path registry = tmp.resolve("flink-certify/registry");
            try (Stream<Path> ledgers = Files.list(registry)) {
                assertEquals(1, ledgers.count(), "the probe's run has a ledger while it runs");
            }
            probe.destroy(); // SIGTERM
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the probe ends on SIGTERM");
            try (Stream<Path> ledgers = Files.list(registry)) {
                return ledgers.toList();
            }
        } finally {
            probe.destroyForcibly();
        }
    }

    @Test
    void aCleanTeardownForgetsTheLedger() throws Exception {
        assertEquals(List.of(), ledgersAfterSigterm());
        assertFalse(Files.exists(dir.resolve("owned")), "the registered resource was closed");
    }

    @Test
    void aResourceThatCouldNotBeClosedKeepsTheLedgerForTheNextRunToReap() throws Exception {
        assertEquals(1, ledgersAfterSigterm("fail").size());
    }
}
