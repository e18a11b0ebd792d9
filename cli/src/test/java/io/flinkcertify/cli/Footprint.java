package io.flinkcertify.cli;

import io.flinkcertify.harness.process.RunId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What this JVM's harness holds on the machine, as far as it can leave it behind: child processes, listening sockets
 * (of this JVM and its children only, so other users of the machine do not count), its temp dirs and registry
 * ledger, and iptables rules carrying its run id. Two snapshots around an action that must start nothing are equal.
 */
record Footprint(Set<Long> processes, Set<String> listeningSockets, Set<String> tempEntries, Set<String> iptablesRules) {

    static Footprint now() {
        Set<Long> pids = new TreeSet<>();
        ProcessHandle.current().descendants().forEach(p -> pids.add(p.pid()));
        Set<String> inodes = new TreeSet<>();
        socketInodes(ProcessHandle.current().pid(), inodes);
        pids.forEach(pid -> socketInodes(pid, inodes));
        return new Footprint(pids, listening(inodes), currentTempEntries(), currentIptablesRules());
    }

    /** The socket inodes among a process's open files. */
    private static void socketInodes(long pid, Set<String> into) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        into.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing
                }
            }
        } catch (IOException gone) {
            // the process ended while listing
        }
    }

    /** Local addresses of LISTEN sockets (state 0A in /proc/net/tcp*) whose inode is one of ours. */
    private static Set<String> listening(Set<String> ours) {
        Set<String> out = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && ours.contains(f[9])) {
                        out.add(f[1]);
                    }
                }
            } catch (IOException absent) {
                // no IPv6 table on this kernel
            }
        }
        return out;
    }

    /** This run's workspaces and its registry ledger (both named by the run id). */
    private static Set<String> currentTempEntries() {
        String run = RunId.current().value();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> out = new TreeSet<>();
        try (Stream<Path> entries = Files.list(tmp)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.contains(run)).forEach(out::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + tmp, e);
        }
        Path ledger = tmp.resolve("flink-certify").resolve("registry").resolve(run + ".run");
        if (Files.exists(ledger)) {
            out.add(ledger.toString());
        }
        return out;
    }

    /** iptables rules naming this run (partitions); empty where iptables cannot be read (no binary, not root). */
    private static Set<String> currentIptablesRules() {
        Set<String> out = new TreeSet<>();
        try {
            Process p = new ProcessBuilder("iptables", "-S").redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes()).lines().toList());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return out;
            }
            String run = RunId.current().value();
            lines.stream().filter(l -> l.contains(run)).forEach(out::add);
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
