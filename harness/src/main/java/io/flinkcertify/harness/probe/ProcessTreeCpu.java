package io.flinkcertify.harness.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CPU and resident memory actually used by a set of processes and all their descendants, from {@code /proc}
 * (Nexmark's method: Flink's own CPU load metric proved inaccurate). One instance follows one group, for example
 * the TaskManagers of a cluster; each {@link #sample()} walks the process tree anew, so a container or pod process
 * started below a root after the probe was created is counted too.
 *
 * <p>CPU is cumulative: a descendant that exited between samples keeps the CPU it last showed (the kernel would
 * only add it to its parent's {@code cutime} once waited for, and not at all for a reparented orphan), so the
 * figure never drops and cores-used stays non-negative. CPU an exited process burned after its last sample is lost;
 * sampling every few seconds bounds that loss.
 *
 * <p>Not thread-safe: one sampling thread per instance.
 */
public final class ProcessTreeCpu {

    /** Resident memory of one process of the group at one sample. */
    public record ProcessMemory(long pid, long rssBytes, long peakRssBytes) {}

    /**
     * One sample: CPU seconds used so far by the group, cores used since the previous sample ({@code NaN} on the
     * first), and the memory of every live process of the group.
     */
    public record Sample(Instant time, long monotonicNanos, double cpuSeconds, double coresUsed, List<ProcessMemory> memory) {
        public Sample {
            memory = List.copyOf(memory);
        }

        public long rssBytes() {
            return memory.stream().mapToLong(ProcessMemory::rssBytes).sum();
        }

        /** Sum of the processes' own peaks: an upper bound of the group's peak (the peaks need not coincide). */
        public long peakRssBytes() {
            return memory.stream().mapToLong(ProcessMemory::peakRssBytes).sum();
        }
    }

    private final Path procRoot;
    private final Set<Long> roots;
    private final double ticksPerSecond;
    private final Map<String, Long> lastTicks = new HashMap<>();
    private Sample previous;

    public ProcessTreeCpu(Collection<Long> rootPids) {
        this(Path.of("/proc"), rootPids, ClockTicks.perSecond());
    }

    ProcessTreeCpu(Path procRoot, Collection<Long> rootPids, double ticksPerSecond) {
        if (rootPids.isEmpty()) {
            throw new IllegalArgumentException("no process to measure: the root pid list is empty");
        }
        this.procRoot = procRoot;
        this.roots = Set.copyOf(rootPids);
        this.ticksPerSecond = ticksPerSecond;
    }

    public Sample sample() {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        List<ProcessMemory> memory = new ArrayList<>();
        for (ProcStat stat : liveTree()) {
            lastTicks.put(stat.identity(), stat.cpuTicks());
            MemoryStatus.read(procRoot, stat.pid())
                    .ifPresent(m -> memory.add(new ProcessMemory(stat.pid(), m.rssBytes(), m.peakRssBytes())));
        }
        double cpuSeconds = lastTicks.values().stream().mapToLong(Long::longValue).sum() / ticksPerSecond;
        double cores = previous == null ? Double.NaN
                : (cpuSeconds - previous.cpuSeconds()) / ((nanos - previous.monotonicNanos()) / 1e9);
        previous = new Sample(now, nanos, cpuSeconds, cores, memory);
        return previous;
    }

    /** The roots still alive and every process below them, found through the parent pid of every process. */
    private List<ProcStat> liveTree() {
        Map<Long, ProcStat> all = new HashMap<>();
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
            for (Path dir : dirs) {
                ProcStat.read(procRoot, Long.parseLong(dir.getFileName().toString())).ifPresent(s -> {
                    all.put(s.pid(), s);
                    children.computeIfAbsent(s.ppid(), p -> new ArrayList<>()).add(s.pid());
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + procRoot + " (the CPU probe needs Linux /proc): " + e.getMessage(), e);
        }
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            if (all.containsKey(pid) && seen.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return seen.stream().map(all::get).toList();
    }

    /** USER_HZ, the unit of utime/stime: 100 on every common Linux, asked of getconf once to be sure. */
    static final class ClockTicks {
        private static volatile Double cached;

        static double perSecond() {
            if (cached == null) {
                cached = ask();
            }
            return cached;
        }

        private static double ask() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Double.parseDouble(out);
                }
            } catch (IOException | RuntimeException e) {
                // no getconf: fall back to the kernel's usual value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 100;
        }

        private ClockTicks() {}
    }
}
