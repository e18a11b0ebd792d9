package io.flinkcertify.harness.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessRegistryTest {

    /** A pid above Linux's pid_max (at most 2^22): never a live process. */
    private static final long DEAD_PID = 999_999_999L;
    private static final String DEAD_RUN = "fc-19700101-000000-dead";

    @TempDir
    Path registryDir;

    @TempDir
    Path scratch;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void destroyChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    /**
     * A process whose argv carries the run marker. {@code bash -c 'sleep 60' marker} would not do: bash execs a
     * lone simple command, and the sleep's command line no longer has the marker. {@code read} is a builtin, so
     * bash itself stays, blocked on its (open) stdin pipe.
     */
    private Process startMarked(String run) throws IOException {
        return start("bash", "-c", "read -t 60 line", "-D" + RunId.PROPERTY + "=" + run);
    }

    private Path ledger(String run, String owner, String... entries) throws IOException {
        StringBuilder text = new StringBuilder(owner).append('\n');
        for (String e : entries) {
            text.append(e).append('\n');
        }
        return Files.writeString(registryDir.resolve(run + ".run"), text, StandardCharsets.UTF_8);
    }

    private Path leftoverDir(String name) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve(name).resolve("nested"));
        Files.writeString(dir.resolve("checkpoint-1"), "state");
        return dir.getParent();
    }

    private ProcessRegistry registry() {
        return new ProcessRegistry(registryDir, RunId.current());
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    @Test
    void deadRunsDirAndLedgerAreRemovedButAnUnmarkedProcessIsSpared() throws Exception {
        Process stranger = start("sleep", "60");
        Path dir = leftoverDir("run-workspace");
        Path ledger = ledger(DEAD_RUN, "owner " + DEAD_PID + " 0", "dir " + dir, "pid " + stranger.pid());

        List<String> actions = registry().reapOrphans();

        assertFalse(Files.exists(dir), "leftover dir must be deleted");
        assertFalse(Files.exists(ledger), "ledger of the dead run must be deleted");
        assertTrue(stranger.isAlive(), "a process without the run marker (e.g. a recycled pid) must not be killed");
        assertEquals(List.of("removed leftover dir " + dir + " of run " + DEAD_RUN), actions);
    }

    @Test
    void deadRunsMarkedProcessIsKilled() throws Exception {
        Process leftover = startMarked(DEAD_RUN);
        String marker = "-D" + RunId.PROPERTY + "=" + DEAD_RUN;
        assertTrue(leftover.toHandle().info().commandLine().orElse("").contains(marker),
                () -> "precondition: the OS reports the marker in argv: " + leftover.toHandle().info().commandLine());
        Path ledger = ledger(DEAD_RUN, "owner " + DEAD_PID + " 0", "pid " + leftover.pid());

        List<String> actions = registry().reapOrphans();

        assertTrue(leftover.waitFor(30, TimeUnit.SECONDS), "the marked leftover must be killed");
        assertFalse(leftover.isAlive());
        assertFalse(Files.exists(ledger));
        assertEquals(List.of("killed leftover pid " + leftover.pid() + " of run " + DEAD_RUN), actions);
    }

    @Test
    void deadRunsPartitionIsHealedItsChainAndSocketTagRemoved() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Netfilter.unavailable().isEmpty() && SocketTags.hierarchy().isPresent(),
                "iptables rules cannot be written here");
        String chain = Netfilter.PREFIX + "dead-1";
        Netfilter.install(chain, DEAD_RUN, List.of(List.of("-m", "cgroup", "--cgroup", "0xfc0999", "-j", "DROP")));
        Path group = SocketTags.tag("flink-certify-" + DEAD_RUN + "-1-a", 0xfc0999, start("sleep", "60").pid());
        ledger(DEAD_RUN, "owner " + DEAD_PID + " 0", "chain " + chain, "tag " + group);

        List<String> actions = registry().reapOrphans();

        assertEquals(List.of("removed leftover iptables chain " + chain + " of run " + DEAD_RUN,
                "removed leftover socket tag " + group + " of run " + DEAD_RUN), actions);
        Process rules = new ProcessBuilder("iptables", "-w", "-S").redirectErrorStream(true).start();
        assertFalse(new String(rules.getInputStream().readAllBytes()).contains(chain), "chain and jump removed");
        assertFalse(Files.exists(group), "socket tag group removed");
    }

    @Test
    void processMarkedForAnotherRunIsSpared() throws Exception {
        Process otherRuns = startMarked("fc-19700101-000000-beef");
        ledger(DEAD_RUN, "owner " + DEAD_PID + " 0", "pid " + otherRuns.pid());

        List<String> actions = registry().reapOrphans();

        assertTrue(otherRuns.isAlive(), "the marker of a different run is not ours to kill");
        assertTrue(actions.isEmpty(), actions.toString());
    }

    @Test
    void runWhoseOwnerIsAliveIsLeftAlone() throws Exception {
        Process child = startMarked("fc-19700101-000000-a11e");
        Path dir = leftoverDir("live-workspace");
        ProcessHandle self = ProcessHandle.current();
        Path ledger = ledger("fc-19700101-000000-a11e", "owner " + self.pid() + " " + startMillis(self),
                "dir " + dir, "pid " + child.pid());

        List<String> actions = registry().reapOrphans();

        assertTrue(actions.isEmpty(), actions.toString());
        assertTrue(Files.exists(dir));
        assertTrue(Files.exists(ledger));
        assertTrue(child.isAlive());
    }

    @Test
    void recycledOwnerPidWithAnotherStartTimeCountsAsDead() throws Exception {
        Path dir = leftoverDir("recycled-owner-workspace");
        // the pid is alive (it is this JVM) but started at another time: a different process got the pid
        Path ledger = ledger("fc-19700101-000000-0bad", "owner " + ProcessHandle.current().pid() + " 1", "dir " + dir);

        registry().reapOrphans();

        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(ledger));
    }

    @Test
    void ownLedgerIsNeverReaped() throws Exception {
        Path dir = leftoverDir("own-workspace");
        ProcessRegistry registry = registry();
        registry.recordDirectory(dir);
        Path own = registryDir.resolve(RunId.current().value() + ".run");
        // even if the owner line were stale, the current run's ledger is skipped
        Files.writeString(own, "owner " + DEAD_PID + " 0\ndir " + dir + "\n");

        List<String> actions = registry.reapOrphans();

        assertTrue(actions.isEmpty(), actions.toString());
        assertTrue(Files.exists(own));
        assertTrue(Files.exists(dir));
    }

    @Test
    void recordWritesOwnerLineThenEntriesAndForgetRemovesTheLedger() throws Exception {
        ProcessRegistry registry = registry();
        Process child = start("sleep", "60");
        Path dir = scratch.resolve("ws");

        registry.recordProcess(child.toHandle());
        registry.recordDirectory(dir);

        Path own = registryDir.resolve(RunId.current().value() + ".run");
        List<String> lines = Files.readAllLines(own);
        ProcessHandle self = ProcessHandle.current();
        assertEquals(List.of("owner " + self.pid() + " " + startMillis(self), "pid " + child.pid(),
                "dir " + dir.toAbsolutePath()), lines);

        registry.forget();
        assertFalse(Files.exists(own));

        registry.recordDirectory(dir);
        assertEquals("owner " + self.pid() + " " + startMillis(self), Files.readAllLines(own).get(0),
                "after forget the next record announces the owner again");
    }

    @Test
    void missingRegistryDirectoryIsNothingToDo() {
        ProcessRegistry registry = new ProcessRegistry(registryDir.resolve("absent"), RunId.current());
        assertTrue(registry.reapOrphans().isEmpty());
    }

    @Test
    void corruptLedgerDoesNotStopReapingTheOthers() throws Exception {
        ledger("fc-19700101-000000-aaaa", "owner " + DEAD_PID + " 0", "pid ");
        Path dir = leftoverDir("after-corrupt-workspace");
        Path good = ledger("fc-19700101-000000-bbbb", "owner " + DEAD_PID + " 0", "dir " + dir);

        assertDoesNotThrow(() -> registry().reapOrphans());

        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(good));
    }
}
