package io.flinkcertify.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --parallel N}: the batch's jobs certified N at a time on this machine. Each job runs in a child harness JVM
 * of its own (its own run id, so its own ports, processes, namespaces, iptables tags and temp dirs, and its own OUT
 * under {@code OUT/lanes/JOB}), so lanes share nothing but the machine. A job keeps all its targets in one lane: the
 * differential checks (same output on YARN and Kubernetes, savepoints moving both ways) compare them. Jobs are handed
 * out longest first (by planned checks) to whichever lane is free, so one long job does not trail at the end.
 * <p>
 * Children die with the harness: a child watches its parent and exits (running its own teardown) when the parent is
 * gone, even after a SIGKILL; a parent stopped normally (SIGTERM, Ctrl-C) stops its children and waits for their
 * teardown.
 */
final class ParallelLanes {

    /** The folder under OUT that holds each job's child run. */
    static final String DIR = "lanes";
    /** What a lane's embedded stack needs at its peak: one job on two targets stays under 4 GiB (issue 12). */
    static final long LANE_BYTES = 4L << 30;
    /** More lanes than this on one machine is a typo rather than a plan. */
    static final int MAX_LANES = 64;
    /** How long a stopped child may take to tear its clusters down before it is killed. */
    private static final Duration CHILD_TEARDOWN = Duration.ofSeconds(60);

    /** A child's arguments: from its lane, its job and its OUT. */
    @FunctionalInterface
    interface ChildArgs {
        List<String> of(int lane, String job, Path out);
    }

    /** A job to certify in a lane, and its planned check count (the longest-first order). */
    record LaneJob(String id, int plannedChecks) {}

    /** How a job's child run ended. */
    record LaneOutcome(String job, int lane, int exitCode, Path out, Duration took) {
        /** Whether the child got as far as a verdict (0 pass, 1 fail, 3 with environment errors among its checks). */
        boolean judged() {
            return Files.isRegularFile(out.resolve("verdict.json"));
        }
    }

    private final int lanes;
    private final PrintStream stdout;
    private final List<String> javaCommand;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    ParallelLanes(int lanes, PrintStream stdout) {
        this(lanes, stdout, childJvm());
    }

    /** {@code javaCommand}: the command a lane's args are appended to (the CLI's own JVM and main class). */
    ParallelLanes(int lanes, PrintStream stdout, List<String> javaCommand) {
        this.lanes = lanes;
        this.stdout = stdout;
        this.javaCommand = List.copyOf(javaCommand);
    }

    /**
     * The lanes to run when {@code --parallel} is not given: one per core, as many as memory holds at
     * {@link #LANE_BYTES} each, no more than there are jobs, at least one.
     */
    static int automatic(int jobs, int cores, long availableBytes) {
        long byMemory = availableBytes / LANE_BYTES;
        return (int) Math.max(1, Math.min(jobs, Math.min(cores, byMemory)));
    }

    /** MemAvailable from /proc/meminfo (what can be had without swapping); the JVM's view of free memory elsewhere. */
    static long availableMemory() {
        try {
            Matcher m = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/meminfo")));
            if (m.find()) {
                return Long.parseLong(m.group(1)) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getFreeMemorySize();
    }

    /** The order jobs are handed to lanes: most planned checks first, manifest order among equals. */
    static List<LaneJob> longestFirst(List<LaneJob> jobs) {
        List<LaneJob> ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparingInt(LaneJob::plannedChecks).reversed()); // stable: ties keep manifest order
        return ordered;
    }

    /**
     * Runs every job in a child, {@code lanes} at a time; returns when all have ended. {@code argsFor} gives a
     * child's arguments from its job id and its OUT. Child output is printed with its lane as prefix and kept in the
     * child's {@code console.log}.
     */
    List<LaneOutcome> run(List<LaneJob> jobs, Path lanesDir, ChildArgs argsFor)
            throws InterruptedException {
        ConcurrentLinkedQueue<LaneJob> queue = new ConcurrentLinkedQueue<>(longestFirst(jobs));
        List<LaneOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        Thread stopper = new Thread(this::stopChildren, "flink-certify-lanes-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int lane = 1; lane <= Math.min(lanes, jobs.size()); lane++) {
                int index = lane;
                Thread t = new Thread(() -> {
                    LaneJob job;
                    while ((job = queue.poll()) != null) {
                        outcomes.add(runOne(index, job, lanesDir.resolve(job.id()), argsFor));
                    }
                }, "flink-certify-lane-" + lane);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the children
            }
        }
        List<LaneOutcome> inOrder = new ArrayList<>(outcomes);
        inOrder.sort(Comparator.comparing(LaneOutcome::job));
        return inOrder;
    }

    private LaneOutcome runOne(int lane, LaneJob job, Path out, ChildArgs argsFor) {
        long start = System.nanoTime();
        String prefix = "[lane " + lane + "] ";
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(argsFor.of(lane, job.id(), out));
        say(prefix + "job " + job.id() + " (" + job.plannedChecks() + " planned checks) starts");
        int exit;
        try {
            Files.createDirectories(out);
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            running.add(child);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                 Writer log = Files.newBufferedWriter(out.resolveSibling(job.id() + ".console.log"), StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.write(line);
                    log.write('\n');
                    say(prefix + line);
                }
            }
            exit = child.waitFor();
            running.remove(child);
        } catch (IOException e) {
            say(prefix + "job " + job.id() + " could not start: " + e.getMessage());
            exit = ExitCodes.ENVIRONMENT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = ExitCodes.ENVIRONMENT;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        say(prefix + "job " + job.id() + " ended (exit " + exit + ") after " + took.toSeconds() + " s");
        return new LaneOutcome(job.id(), lane, exit, out, took);
    }

    private void say(String line) {
        synchronized (stdout) {
            stdout.println(line);
        }
    }

    /** SIGTERM to every child (each tears its clusters down), then waits for them; kills what is still there. */
    private void stopChildren() {
        for (Process p : running) {
            p.destroy();
        }
        long deadline = System.nanoTime() + CHILD_TEARDOWN.toNanos();
        for (Process p : running) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }

    /** In a child: exit (running the teardown hooks) as soon as the harness that started it is gone. */
    static void exitWithParent() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent(p -> p.onExit().thenRun(() -> System.exit(ExitCodes.ENVIRONMENT)));
    }

    /** Removes the empty folders under {@code root} (bottom-up), leaving every file; {@code root} itself stays. */
    static void removeEmptyFolders(Path root) throws IOException {
        if (!Files.isDirectory(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> folders;
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            folders = walk.filter(p -> !p.equals(root) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        }
        for (Path folder : folders) {
            try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    /** This JVM's java, its options and class path, and the CLI's main class: what a child runs. */
    private static List<String> childJvm() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CertifyCommand.class.getName());
        return command;
    }
}
