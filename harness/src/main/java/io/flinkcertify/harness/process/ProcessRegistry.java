package io.flinkcertify.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * On-disk record of what each harness run started (pids and temp dirs), so that a later run can reap the
 * leftovers of a harness JVM that was SIGKILLed: processes, temp dirs, and the iptables chains and socket tags of a
 * partition that was never healed. A process is only ever killed when it is alive AND its
 * command line carries the dead run's marker: a recycled pid belonging to someone else is never touched.
 */
public final class ProcessRegistry {

    private static final ProcessRegistry DEFAULT = new ProcessRegistry(
            Path.of(System.getProperty("java.io.tmpdir"), "flink-certify", "registry"), RunId.current());

    private final Path directory;
    private final RunId runId;
    private final Path ledger;
    private boolean announced;

    ProcessRegistry(Path directory, RunId runId) {
        this.directory = directory;
        this.runId = runId;
        this.ledger = directory.resolve(runId.value() + ".run");
    }

    public static ProcessRegistry defaultRegistry() {
        return DEFAULT;
    }

    public synchronized void recordProcess(ProcessHandle process) {
        append("pid " + process.pid());
    }

    public synchronized void recordDirectory(Path dir) {
        append("dir " + dir.toAbsolutePath());
    }

    /** An iptables chain of a partition ({@link Netfilter}). */
    public synchronized void recordChain(String chain) {
        append("chain " + chain);
    }

    /** A net_cls group that tags a process's sockets ({@link SocketTags}). */
    public synchronized void recordSocketTag(Path group) {
        append("tag " + group.toAbsolutePath());
    }

    /** Called when this run ended cleanly: nothing left to reap. */
    public synchronized void forget() {
        try {
            Files.deleteIfExists(ledger);
            announced = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(String line) {
        try {
            Files.createDirectories(directory);
            if (!announced) {
                ProcessHandle self = ProcessHandle.current();
                Files.writeString(ledger, "owner " + self.pid() + " " + startMillis(self) + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                announced = true;
            }
            Files.writeString(ledger, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write process registry " + ledger, e);
        }
    }

    /** Ends the leftovers of every earlier run whose harness JVM is gone. Returns what it did, for the log. */
    public List<String> reapOrphans() {
        List<String> actions = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return actions;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".run")).toList()) {
                if (file.equals(ledger)) {
                    continue;
                }
                try {
                    reap(file, actions);
                } catch (RuntimeException e) {
                    // a corrupt ledger must not stop the others from being reaped, now or on every later run
                    actions.add("dropped unreadable ledger " + file.getFileName() + ": " + e.getMessage());
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            actions.add("cannot list " + directory + ": " + e.getMessage());
        }
        return actions;
    }

    private void reap(Path file, List<String> actions) throws IOException {
        String name = file.getFileName().toString();
        String run = name.substring(0, name.length() - ".run".length());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || ownerAlive(lines.get(0))) {
            return;
        }
        String marker = "-D" + RunId.PROPERTY + "=" + run;
        List<String> retry = new ArrayList<>(); // what could not be undone stays in the ledger for the next reaper
        List<ProcessHandle> killed = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("pid ")) {
                long pid = Long.parseLong(line.substring(4).trim());
                ProcessHandle.of(pid).filter(p -> carries(p, marker)).ifPresent(p -> {
                    p.destroyForcibly();
                    killed.add(p);
                    actions.add("killed leftover pid " + pid + " of run " + run);
                });
            }
        }
        // a group cannot be removed while a killed process is still exiting in it
        for (ProcessHandle p : killed) {
            try {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                actions.add("pid " + p.pid() + " of run " + run + " did not exit within 10 s");
            }
        }
        for (String line : lines) {
            if (line.startsWith("chain ")) {
                String chain = line.substring(6).trim();
                undo(line, "iptables chain " + chain, run, () -> Netfilter.remove(chain), retry, actions);
            } else if (line.startsWith("tag ")) {
                Path group = Path.of(line.substring(4).trim());
                undo(line, "socket tag " + group, run, () -> {
                    boolean existed = Files.isDirectory(group);
                    SocketTags.untag(group);
                    return existed;
                }, retry, actions);
            } else if (line.startsWith("dir ")) {
                Path dir = Path.of(line.substring(4).trim());
                if (Files.exists(dir)) {
                    FileTrees.deleteQuietly(dir);
                    actions.add("removed leftover dir " + dir + " of run " + run);
                }
            }
        }
        if (retry.isEmpty()) {
            Files.deleteIfExists(file);
        } else {
            retry.add(0, lines.get(0));
            Files.write(file, retry, StandardCharsets.UTF_8);
        }
    }

    /** Undoes one leftover; what fails stays in {@code retry} for the next reaper. */
    private static void undo(String line, String what, String run, java.util.function.BooleanSupplier removal,
                             List<String> retry, List<String> actions) {
        try {
            if (removal.getAsBoolean()) {
                actions.add("removed leftover " + what + " of run " + run);
            }
        } catch (RuntimeException e) {
            retry.add(line);
            actions.add("cannot remove " + what + " of run " + run + ": " + e.getMessage());
        }
    }

    private static boolean ownerAlive(String ownerLine) {
        String[] parts = ownerLine.split(" ");
        if (parts.length < 3 || !parts[0].equals("owner")) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(parts[1]));
        return owner.isPresent() && Long.toString(startMillis(owner.get())).equals(parts[2]);
    }

    private static boolean carries(ProcessHandle process, String marker) {
        return process.info().commandLine().map(cl -> cl.contains(marker)).orElse(false);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }
}
